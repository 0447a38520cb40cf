// The core's model schemas the dashboard validates with, imported file by file: the core's index also
// carries ingest and solver modules that need Node (Buffer, the wasm solver) and must stay out of the browser.
export { ScenarioSchema, type Scenario } from '../../../core/src/model/scenario.ts';
export { SimulationReportSchema, type SimulationReport } from '../../../core/src/model/simulation-report.ts';
