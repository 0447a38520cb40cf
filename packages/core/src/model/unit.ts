import { z } from 'zod';

/** Units as the sources publish them; `factorToBase` converts to the family's base unit. */
export const UnitSchema = z.enum([
  'g',
  'kg',
  't',
  'kt',
  'Mt',
  'kt_dry',
  'kct',
  'Mct',
  'Mm3',
  'pct',
  'usd_per_g',
  'usd_per_kg',
  'usd_per_t',
  'usd_per_lb',
  'usc_per_lb',
  'usd_per_troy_oz',
  'count',
]);
export type Unit = z.infer<typeof UnitSchema>;

export const UnitFamilySchema = z.enum(['mass', 'volume', 'carats', 'share', 'price', 'count']);
export type UnitFamily = z.infer<typeof UnitFamilySchema>;

interface UnitInfo {
  readonly family: UnitFamily;
  readonly factorToBase: number;
  readonly label: string;
}

export const UNITS: Readonly<Record<Unit, UnitInfo>> = {
  g: { family: 'mass', factorToBase: 1e-6, label: 'g' },
  kg: { family: 'mass', factorToBase: 1e-3, label: 'kg' },
  t: { family: 'mass', factorToBase: 1, label: 't' },
  kt: { family: 'mass', factorToBase: 1e3, label: 'thousand t' },
  Mt: { family: 'mass', factorToBase: 1e6, label: 'million t' },
  kt_dry: { family: 'mass', factorToBase: 1e3, label: 'thousand dry t' },
  kct: { family: 'carats', factorToBase: 1e3, label: 'thousand carats' },
  Mct: { family: 'carats', factorToBase: 1e6, label: 'million carats' },
  Mm3: { family: 'volume', factorToBase: 1e6, label: 'million m³' },
  pct: { family: 'share', factorToBase: 0.01, label: '%' },
  usd_per_g: { family: 'price', factorToBase: 1e3, label: 'USD/g' },
  usd_per_kg: { family: 'price', factorToBase: 1, label: 'USD/kg' },
  usd_per_t: { family: 'price', factorToBase: 1e-3, label: 'USD/t' },
  usd_per_lb: { family: 'price', factorToBase: 2.20462262, label: 'USD/lb' },
  usc_per_lb: { family: 'price', factorToBase: 0.0220462262, label: 'US cents/lb' },
  usd_per_troy_oz: { family: 'price', factorToBase: 32.1507466, label: 'USD/troy oz' },
  count: { family: 'count', factorToBase: 1, label: 'number' },
};

/** The unit a USGS release names in words, e.g. "thousand metric tons". */
export const USGS_UNIT_WORDS: Readonly<Record<string, Unit>> = {
  kilograms: 'kg',
  'metric tons': 't',
  'thousand metric tons': 'kt',
  'million metric tons': 'Mt',
  'thousand metric dry tons': 'kt_dry',
  'thousand carats': 'kct',
  'million carats': 'Mct',
  'million cubic meters': 'Mm3',
};
