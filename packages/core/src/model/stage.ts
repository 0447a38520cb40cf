import { z } from 'zod';

/** Where in a chain a figure sits; `refining` covers separation, processing and smelting to compounds. */
export const StageSchema = z.enum(['mining', 'refining', 'metal', 'component', 'end_use']);
export type Stage = z.infer<typeof StageSchema>;

export const MetricSchema = z.enum(['production', 'capacity', 'reserves']);
export type Metric = z.infer<typeof MetricSchema>;
