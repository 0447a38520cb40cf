import { z } from 'zod';
import { CommodityAliasSchema, CommodityKeySchema, CommoditySchema, SeriesSchema } from './commodity.ts';
import { CountryGroupSchema, CountrySchema } from './country.ts';
import { ObservationSchema } from './observation.ts';
import { MetricSchema, StageSchema } from './stage.ts';
import { SourceSchema } from './source.ts';
import { UsSalientStatisticSchema } from './us-salient.ts';
import { ImportRelianceSchema } from './import-reliance.ts';
import { CriticalMineralSalientSchema } from './critical-mineral-salient.ts';
import { ReportedShareSchema } from './reported-share.ts';
import { GovernanceScoreSchema } from './governance-score.ts';
import { EuSupplyShareSchema } from './eu-supply-share.ts';
import { EndUseShareSchema } from './end-use-share.ts';
import { ExportControlMeasureSchema } from './export-control.ts';
import { ControlItemSchema, RegimeClauseSchema, RegimeEventSchema } from './regime.ts';
import { NetworkSchema } from './network.ts';
import { ScenarioSchema } from './scenario.ts';
import {
  BuyerImportRelianceSchema,
  BuyerImportSourceSchema,
  EuCrmParameterSchema,
  EuMaterialMappingSchema,
  TradePartnerSchema,
  EuCrmParameterCorrectionSchema,
  WgiEstimatesSchema,
  EuMaterialGroupSchema,
} from './criticality-tables.ts';

/** A check failure the project has examined and accepts, with the reason (usually an erratum in the source). */
export const KnownDiscrepancySchema = z.object({
  commodity: CommodityKeySchema,
  stage: StageSchema,
  metric: MetricSchema,
  year: z.number().int(),
  code: z.literal('exceeds-world-total'),
  reason: z.string().min(10),
});
export type KnownDiscrepancy = z.infer<typeof KnownDiscrepancySchema>;

/** Everything Lodestone ships or imports, validated as one document. */
export const DatasetSchema = z.object({
  /** Semantic version of the bundled data plus the hash of its content, e.g. "2026.11.0+3f2a…". */
  version: z.string().min(1),
  sources: z.array(SourceSchema),
  countries: z.array(CountrySchema),
  groups: z.array(CountryGroupSchema),
  commodities: z.array(CommoditySchema),
  commodityAliases: z.array(CommodityAliasSchema),
  series: z.array(SeriesSchema),
  observations: z.array(ObservationSchema),
  usSalient: z.array(UsSalientStatisticSchema),
  /** US net import reliance and major import sources (USGS MCS Figure 2). */
  importReliance: z.array(ImportRelianceSchema),
  /** USGS MCS Table 5: salient figures of each critical mineral. */
  criticalMineralSalient: z.array(CriticalMineralSalientSchema),
  /** Refining, separation and magnet shares reported outside the USGS tables, each with its provenance. */
  reportedShares: z.array(ReportedShareSchema),
  governance: z.array(GovernanceScoreSchema),
  /** EU CRM 2023 global supply and EU sourcing shares with the trade variable t. */
  euSupplyShares: z.array(EuSupplyShareSchema),
  euEndUseShares: z.array(EndUseShareSchema),
  exportControls: z.array(ExportControlMeasureSchema),
  /** The measures as clauses with their later history, for the regime model. */
  regimeClauses: z.array(RegimeClauseSchema),
  regimeEvents: z.array(RegimeEventSchema),
  controlItems: z.array(ControlItemSchema),
  /** Inputs of the EU CRM 2023 assessment (no published results). */
  euCrmParameters: z.array(EuCrmParameterSchema),
  euMaterials: z.array(EuMaterialMappingSchema),
  euMaterialGroups: z.array(EuMaterialGroupSchema),
  buyerImportSources: z.array(BuyerImportSourceSchema),
  buyerImportReliance: z.array(BuyerImportRelianceSchema),
  tradePartners: z.array(TradePartnerSchema),
  euCrmParameterCorrections: z.array(EuCrmParameterCorrectionSchema),
  wgiEstimates: z.array(WgiEstimatesSchema),
  knownDiscrepancies: z.array(KnownDiscrepancySchema),
  /** The multi-tier supply network's baseline (products, coefficients, output, demand, inventories). */
  network: NetworkSchema,
  /** The built-in scenario library. */
  scenarios: z.array(ScenarioSchema),
});
export type Dataset = z.infer<typeof DatasetSchema>;
