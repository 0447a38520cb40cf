// Response shapes of the HTTP API (docs/dashboard.md lists the endpoints), parsed at the boundary.
// Where the API returns a core model (scenario, simulation report, source) the core's schema is used.
import { z } from 'zod';

const Share = z.number();

export const CommoditiesSchema = z.array(
  z.object({
    key: z.string(),
    nameEn: z.string(),
    nameJa: z.string().nullable().optional(),
    stages: z.array(z.object({ stage: z.string(), years: z.array(z.number()) })),
  }),
);
export type Commodity = z.infer<typeof CommoditiesSchema>[number];

const SourceRefSchema = z.looseObject({ id: z.string(), title: z.string().optional() });

export const AtlasSchema = z.object({
  commodity: z.string(),
  stage: z.string(),
  metric: z.string(),
  year: z.number(),
  unit: z.string(),
  basis: z.string().nullable().optional(),
  total: z.number(),
  hhi: z.number(),
  top1: z.object({ iso3: z.string(), name: z.string(), value: z.number(), share: Share }).nullable(),
  top3Share: Share,
  chinaShare: Share,
  alliedShare: Share,
  outsideAlliedShare: Share,
  countries: z.array(
    z.object({
      iso3: z.string(),
      name: z.string(),
      nameJa: z.string().nullable().optional(),
      value: z.number(),
      share: Share,
      estimated: z.boolean(),
      qualifier: z.string().nullable().optional(),
    }),
  ),
  aggregates: z.array(z.object({ label: z.string(), value: z.number(), share: Share })),
  sources: z.array(SourceRefSchema),
});
export type Atlas = z.infer<typeof AtlasSchema>;

/** A source as `GET /api/sources/:id` returns it (publication, dataset or assumption). */
export const SourceSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  publisher: z.string().optional(),
  year: z.number().optional(),
  locator: z.string().optional(),
  url: z.string().optional(),
  licence: z.string().optional(),
  confidence: z.string().optional(),
  note: z.string().optional(),
  reasoning: z.string().optional(),
});

export const SankeySchema = z.object({
  chain: z.string(),
  unit: z.string(),
  nodes: z.array(
    z.object({
      id: z.string(),
      product: z.string(),
      area: z.string(),
      stage: z.string(),
      nameEn: z.string(),
      nameJa: z.string().nullable().optional(),
    }),
  ),
  links: z.array(z.object({ source: z.string(), target: z.string(), value: z.number() })),
});
export type Sankey = z.infer<typeof SankeySchema>;

const SupplierSchema = z.object({
  iso3: z.string(),
  share: z.number(),
  wgi: z.number(),
  t: z.number(),
  term: z.number(),
});
const HhiTermSchema = z.object({ value: z.number().nullable(), suppliers: z.array(SupplierSchema) });

const CriticalityRowSchema = z.object({
  material: z.string(),
  sr: z.number(),
  ei: z.number().nullable(),
  critical: z.boolean().nullable(),
  bottleneckStage: z.string(),
  terms: z.object({
    stages: z.array(
      z.object({
        stage: z.string(),
        basis: z.string(),
        importReliance: z.number(),
        global: HhiTermSchema,
        buyer: HhiTermSchema,
        blendedHhi: z.number().nullable(),
        sr: z.number().nullable(),
      }),
    ),
    eolRir: z.number(),
    siSr: z.number(),
    siEi: z.number(),
    economicImportance: z.object({
      weightedValueAddedMEur: z.number().nullable(),
      scaleMEur: z.number(),
      ei: z.number().nullable(),
      endUses: z.array(
        z.object({
          application: z.string(),
          sector: z.string(),
          share: z.number(),
          valueAddedMEur: z.number(),
          term: z.number(),
        }),
      ),
    }),
  }),
  fallbacks: z.array(z.object({ input: z.string(), usedInstead: z.string() })),
});
export type CriticalityRow = z.infer<typeof CriticalityRowSchema>;
export const CriticalitySchema = z.array(CriticalityRowSchema);

const MeasureRefSchema = z.looseObject({
  measureId: z.string(),
  state: z.string().optional(),
  since: z.string().nullable().optional(),
  until: z.string().nullable().optional(),
  instrument: z.string().nullable().optional(),
});
const VerdictSchema = z.object({ state: z.string(), measures: z.array(MeasureRefSchema) });

const ControlEntrySchema = z.object({
  item: z.string(),
  destination: z.string(),
  endUser: z.string(),
  verdict: VerdictSchema,
});

/** `GET /api/controls`: every entry on the date, or (item and destination given) one verdict per end user. */
export const ControlsSchema = z.union([
  z.object({ date: z.string(), entries: z.array(ControlEntrySchema) }),
  z
    .object({
      date: z.string(),
      item: z.string(),
      destination: z.string(),
      byEndUser: z.array(VerdictSchema.extend({ endUser: z.string() })),
    })
    .transform((v) => ({
      date: v.date,
      entries: v.byEndUser.map((b) => ({
        item: v.item,
        destination: v.destination,
        endUser: b.endUser,
        verdict: { state: b.state, measures: b.measures },
      })),
    })),
]);
export type Controls = z.output<typeof ControlsSchema>;

export const TimelineSchema = z.object({
  destination: z.string(),
  endUser: z.string(),
  items: z.array(
    z.object({
      item: z.string(),
      segments: z.array(z.object({ from: z.string(), to: z.string().nullable(), verdict: VerdictSchema })),
    }),
  ),
});
export type Timeline = z.infer<typeof TimelineSchema>;

const CommitmentStateSchema = z.enum(['done', 'on-track', 'overdue', 'unknown']);
export type CommitmentState = z.infer<typeof CommitmentStateSchema>;

/** GET /api/tracker: one status per framework on the day asked about. */
export const TrackerSchema = z.array(
  z.object({
    framework: z.string(),
    title: z.string(),
    signedOn: z.string(),
    asOf: z.string(),
    counts: z.record(CommitmentStateSchema, z.number()),
    commitments: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        owners: z.array(z.string()),
        dueOn: z.string().nullable(),
        state: CommitmentStateSchema,
        reason: z.string(),
        daysLeft: z.number().nullable(),
        evidence: z.array(
          z.object({ date: z.string(), state: z.string(), note: z.string(), sources: z.array(z.string()) }),
        ),
      }),
    ),
    capital: z.array(z.looseObject({ party: z.string(), committedUsdM: z.number(), mobilisedUsdM: z.number() })),
  }),
);
export type TrackerStatus = z.infer<typeof TrackerSchema>[number];

/** GET /api/tracker/frameworks: the frameworks to pick from, with each commitment's sources. */
export const TrackerFrameworksSchema = z.array(
  z.object({
    id: z.string(),
    title: z.string(),
    parties: z.array(z.string()),
    signedOn: z.string(),
    sources: z.array(z.string()),
    commitments: z.array(z.object({ id: z.string(), category: z.string(), sources: z.array(z.string()) })),
  }),
);
export type TrackerFramework = z.infer<typeof TrackerFrameworksSchema>[number];

const ReviewStatusSchema = z.enum(['proposed', 'accepted', 'edited', 'rejected']);
export type ReviewStatus = z.infer<typeof ReviewStatusSchema>;

/** One event of the intake review queue (GET /api/intake/queue), with the text its evidence points into. */
export const QueuedEventSchema = z.object({
  id: z.number(),
  status: ReviewStatusSchema,
  event: z.object({
    id: z.string(),
    type: z.string(),
    confidence: z.number(),
    fields: z.looseObject({
      action: z.string().nullable(),
      date: z.string().nullable(),
      issuerOrHost: z.string().nullable(),
      parties: z.array(z.string()),
      commodities: z.array(z.string()),
      instruments: z.array(z.string()),
    }),
    evidence: z.array(z.object({ start: z.number(), end: z.number(), text: z.string() })),
    links: z.looseObject({ measures: z.array(z.string()) }),
  }),
  history: z.array(
    z.object({
      action: z.string(),
      by: z.string(),
      at: z.string(),
      note: z.string().nullable(),
      changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
  document: z.object({
    id: z.number(),
    name: z.string(),
    lang: z.string(),
    published: z.string().nullable(),
    text: z.string(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type QueuedEvent = z.infer<typeof QueuedEventSchema>;
export const QueueSchema = z.array(QueuedEventSchema);
