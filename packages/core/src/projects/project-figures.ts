import type { Confidence } from '../model/reported-share.ts';
import type { Project, SourcedField } from '../model/project.ts';
import type { SourceId } from '../model/source.ts';

/** One figure of a project and the source that backs it. */
export interface ProjectFigure {
  /** Path of the figure in the record, e.g. ['financing', 2]. */
  readonly figure: readonly (string | number)[];
  /** Path of the source id that backs it: the figure's own, a field source, or the record's. */
  readonly path: readonly (string | number)[];
  readonly source: SourceId;
  readonly confidence: Confidence;
}

interface Sourced {
  readonly source?: SourceId | undefined;
  readonly confidence?: Confidence | undefined;
}

/** Every figure the record states, each with the source that backs it (own, then field, then record). */
export function projectFigures(p: Project): ProjectFigure[] {
  const resolve = (figure: (string | number)[], own: Sourced | null, field?: SourcedField): ProjectFigure => {
    if (own?.source !== undefined)
      return { figure, path: [...figure, 'source'], source: own.source, confidence: own.confidence ?? p.confidence };
    const fs = field === undefined ? undefined : p.fieldSources[field];
    if (fs !== undefined && field !== undefined)
      return {
        figure,
        path: ['fieldSources', field, 'source'],
        source: fs.source,
        confidence: own?.confidence ?? fs.confidence ?? p.confidence,
      };
    return { figure, path: ['source'], source: p.source, confidence: own?.confidence ?? p.confidence };
  };
  const figures: ProjectFigure[] = [
    resolve(['status'], null, 'status'),
    resolve(['hostCountry'], null, 'hostCountry'),
    resolve(['sponsors'], null, 'sponsors'),
    resolve(['stages'], null, 'stages'),
  ];
  if (p.targetStart !== null) figures.push(resolve(['targetStart'], null, 'targetStart'));
  p.outputs.forEach((o, i) => o.value !== null && figures.push(resolve(['outputs', i], o)));
  if (p.rampUp !== null) figures.push(resolve(['rampUp'], p.rampUp));
  if (p.capex !== null) figures.push(resolve(['capex'], p.capex));
  if (p.opex !== null) figures.push(resolve(['opex'], p.opex));
  p.financing.forEach((f, i) => figures.push(resolve(['financing', i], f)));
  p.offtakes.forEach((o, i) => figures.push(resolve(['offtakes', i], o)));
  return figures;
}

/** Every source id a record cites, each once, in the order met. */
export const projectSourceIds = (p: Project): SourceId[] => [
  ...new Set([
    p.source,
    ...Object.values(p.fieldSources).map((f) => f.source),
    ...projectFigures(p).map((f) => f.source),
  ]),
];
