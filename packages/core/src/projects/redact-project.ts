import type { Project } from '../model/project.ts';

const HIDDEN = {
  capex: null,
  opex: null,
  financing: [],
  offtakes: [],
  outputs: [],
  rampUp: null,
  notes: [],
} as const satisfies Partial<Project>;

/** The record as a viewer from `partner` (ISO3, or null for the public) may see it: restricted fields emptied. */
export function redactProject(p: Project, partner: string | null): Project {
  if (p.restriction === null || (partner !== null && p.restriction.partners.some((c) => c === partner))) return p;
  const hidden: Partial<Project> = {};
  for (const f of p.restriction.fields) Object.assign(hidden, { [f]: HIDDEN[f] });
  return { ...p, ...hidden };
}
