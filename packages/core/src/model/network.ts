import { z } from 'zod';
import { CommodityKeySchema } from './commodity.ts';
import { SourceIdSchema } from './source.ts';
import { StageSchema } from './stage.ts';

export const ChainSchema = z.enum(['magnets', 'batteries', 'catalysts', 'optics', 'antimony', 'tungsten']);
export type Chain = z.infer<typeof ChainSchema>;

/** A node's country: ISO3, or ROW for the rest of the world. */
export const NetworkAreaSchema = z.string().regex(/^([A-Z]{3}|ROW)$/, 'an ISO3 code or ROW');

export const ProductSchema = z.object({
  product: z.string().regex(/^[a-z][a-z0-9_]*$/),
  chain: ChainSchema,
  stage: StageSchema,
  unit: z.enum(['t', 'GWh']),
  nameEn: z.string().min(1),
  nameJa: z.string().min(1),
  commodity: CommodityKeySchema.nullable(),
  /** Control-list items that cover the product besides its commodity (a sintered NdFeB magnet carries Dy and Tb). */
  controlItems: z.array(z.string().min(1)).default([]),
  source: SourceIdSchema,
});
export type Product = z.infer<typeof ProductSchema>;

/** Input needed per unit of output, with its plausible range. */
export const CoefficientSchema = z
  .object({
    output: z.string().min(1),
    input: z.string().min(1),
    value: z.number().positive(),
    /** Zero where the input is optional (some cathodes take lithium as hydroxide only). */
    low: z.number().nonnegative(),
    high: z.number().positive(),
    source: SourceIdSchema,
  })
  .refine((c) => c.low <= c.value && c.value <= c.high, {
    message: 'value outside its own low–high range',
    path: ['value'],
  });
export type Coefficient = z.infer<typeof CoefficientSchema>;

export const CapacityOutputSchema = z.object({
  product: z.string().min(1),
  area: NetworkAreaSchema,
  year: z.number().int(),
  capacity: z.number().nonnegative().nullable(),
  output: z.number().nonnegative().nullable(),
  source: SourceIdSchema,
});
export type CapacityOutput = z.infer<typeof CapacityOutputSchema>;

export const FinalDemandSchema = z.object({
  product: z.string().min(1),
  area: NetworkAreaSchema,
  year: z.number().int(),
  quantity: z.number().nonnegative(),
  endUse: z.string().min(1),
  /** A balancing item (use not otherwise sourced), marked so it can be shown and kept small. */
  isBalancing: z.boolean(),
  source: SourceIdSchema,
});
export type FinalDemand = z.infer<typeof FinalDemandSchema>;

export const InventorySchema = z.object({
  product: z.string().min(1),
  area: NetworkAreaSchema,
  inventoryDays: z.number().nonnegative().nullable(),
  stockpile: z.number().nonnegative().nullable(),
  source: SourceIdSchema,
});
export type Inventory = z.infer<typeof InventorySchema>;

export const NetworkSchema = z.object({
  products: z.array(ProductSchema),
  coefficients: z.array(CoefficientSchema),
  capacityOutput: z.array(CapacityOutputSchema),
  demand: z.array(FinalDemandSchema),
  inventories: z.array(InventorySchema),
});
export type Network = z.infer<typeof NetworkSchema>;
