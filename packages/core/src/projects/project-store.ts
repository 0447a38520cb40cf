import type { ImportIssue } from '../ingest/import-issue.ts';
import type { Project } from '../model/project.ts';
import type { Result } from '../result.ts';
import { type ProjectFilter, filterProjects } from './filter-projects.ts';
import {
  applyProjectChange,
  type ChangeEntry,
  type ChangeMeta,
  type PipelineState,
  type ProjectChange,
} from './project-change.ts';
import type { ProjectReferences } from './project-references.ts';

/** Where project records live: a local file, a database; each applies changes through `applyProjectChange`. */
export interface ProjectStore {
  list(filter?: ProjectFilter): Promise<Project[]>;
  get(id: string): Promise<Project | undefined>;
  history(id?: string): Promise<ChangeEntry[]>;
  apply(change: ProjectChange, meta: ChangeMeta): Promise<Result<ChangeEntry, ImportIssue[]>>;
}

/** A store over a pipeline state held in memory; `onCommit` persists each new state (a file, a row). */
export function memoryProjectStore(
  initial: PipelineState,
  refs: ProjectReferences,
  onCommit: (state: PipelineState) => Promise<void> = async () => {},
): ProjectStore {
  let state = initial;
  return {
    list: async (filter = {}) => filterProjects(state.projects, filter),
    get: async (id) => state.projects.find((p) => p.id === id),
    history: async (id) => state.history.filter((e) => id === undefined || e.id === id),
    apply: async (change, meta) => {
      const applied = applyProjectChange(state, change, meta, refs);
      if (!applied.ok) return applied;
      await onCommit(applied.value.state);
      state = applied.value.state;
      return { ok: true, value: applied.value.entry };
    },
  };
}
