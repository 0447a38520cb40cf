import type { Project } from '../model/project.ts';

/** Criteria of `lodestone projects`; each present criterion must hold. */
export interface ProjectFilter {
  readonly stage?: string | undefined;
  /** A product family (magnets, batteries, catalysts, optics) or a network product key. */
  readonly product?: string | undefined;
  readonly country?: string | undefined;
  readonly status?: string | undefined;
  readonly financier?: string | undefined;
  readonly includeRetired?: boolean | undefined;
}

/** Whether a project meets every criterion of the filter. */
export function matchesProjectFilter(p: Project, f: ProjectFilter): boolean {
  if (p.retired !== null && f.includeRetired !== true) return false;
  if (f.stage !== undefined && !p.stages.some((s) => s === f.stage)) return false;
  if (f.product !== undefined && p.family !== f.product && !p.outputs.some((o) => o.product === f.product))
    return false;
  if (f.country !== undefined && p.hostCountry !== f.country) return false;
  if (f.status !== undefined && p.status !== f.status) return false;
  if (f.financier !== undefined && !p.financing.some((x) => x.financier === f.financier)) return false;
  return true;
}

/** The projects meeting the filter, ordered by id. */
export const filterProjects = (projects: readonly Project[], f: ProjectFilter): Project[] =>
  projects.filter((p) => matchesProjectFilter(p, f)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
