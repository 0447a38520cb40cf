import { Command, CommanderError } from 'commander';
import { atlasCommand } from './commands/atlas.ts';
import { briefCommand } from './commands/brief.ts';
import { criticalityCommand } from './commands/criticality.ts';
import { controlsCommand, controlsTimelineCommand } from './commands/controls.ts';
import { networkCheckCommand, networkCommand } from './commands/network.ts';
import { scenarioCheckCommand, scenarioShowCommand, scenariosCommand } from './commands/scenarios.ts';
import { explainCommand, simulateCommand } from './commands/simulate.ts';
import { portfolioCommand } from './commands/portfolio.ts';
import { dataCheckCommand } from './commands/data-check.ts';
import { importUsgsMcsCommand } from './commands/import-usgs-mcs.ts';
import { intakeCommand } from './commands/intake.ts';
import { sourcesCommand } from './commands/sources.ts';
import {
  projectsAddCommand,
  projectsEditCommand,
  projectsHistoryCommand,
  projectsListCommand,
  projectsRetireCommand,
  projectsSchemaCommand,
  projectsShowCommand,
} from './commands/projects.ts';
import { engineShortfallDraws, policyEvaluateCommand, policyStockpileCommand } from './commands/policy.ts';
import { trackerCommand } from './commands/tracker.ts';
import { offtakeCommand } from './commands/offtake.ts';
import { dbImportCommand, dbMigrateCommand, dbSeedCommand, dbStatusCommand } from './commands/db.ts';
import { keysCreateCommand, keysListCommand, keysRevokeCommand } from './commands/keys.ts';
import { serveCommand } from './commands/serve.ts';
import { workerCommand } from './commands/worker.ts';
import { datasetPath, loadDataset } from './data/load-dataset.ts';
import { type Effects, processEffects } from './effects.ts';
import { EXIT, type ExitCode, UsageError } from './exit-codes.ts';

/** Runs one `lodestone` command line and returns its exit code; all output goes through `effects`. */
export async function main(argv: readonly string[], effects: Effects = processEffects()): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = new Command('lodestone')
    .description('Critical-mineral and rare-earth supply-chain security: atlas, briefing and data tools')
    .option(
      '--dataset <file>',
      'dataset JSON to read (default: ./.lodestone/dataset.json if imported, else the bundled one)',
    )
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: (s) => effects.stdout(s), writeErr: (s) => effects.stderr(s) })
    .showSuggestionAfterError(true);
  const dataset = () => {
    const path = datasetPath(effects, program.opts<{ dataset?: string }>().dataset);
    return { path, dataset: loadDataset(path) };
  };

  program
    .command('brief')
    .description('one-screen briefing: the most concentrated chains and single-country dependences, with sources')
    .option('--year <year>', 'year (default: latest)', (v) => Number(v))
    .option('--at <date>', 'date of the export-control regime shown (default: today)')
    .option('--json', 'print the briefing as JSON')
    .action((flags: { year?: number; json?: boolean; at?: string }) => {
      code = briefCommand(dataset().dataset, flags, effects);
    });

  program
    .command('atlas')
    .description('production by country with shares, HHI, top-3, China and allied shares; or --rank every commodity')
    .argument('[commodity]', 'commodity key, e.g. rare_earths, gallium, graphite_natural')
    .option('--stage <stage>', 'mining | refining | metal | component (default: mining where mined)')
    .option('--year <year>', 'year (default: latest with data)')
    .option('--metric <metric>', 'production | capacity', 'production')
    .option('--rank', 'rank every commodity and stage')
    .option('--by <measure>', 'with --rank: hhi | chinaShare | outsideAlliedShare | top1Share', 'hhi')
    .option('--critical', 'with --rank: only USGS critical minerals')
    .option('--json', 'print JSON (shares as fractions 0–1)')
    .option('--csv', 'print CSV')
    .action((commodity: string | undefined, flags: Record<string, unknown>) => {
      code = atlasCommand(dataset().dataset, commodity, flags, effects);
    });

  program
    .command('criticality')
    .description('supply risk and economic importance by the EU method, computed from inputs, for any buyer')
    .option('--method <method>', 'eu (the European Commission 2017 method)', 'eu')
    .option('--buyer <buyer>', 'EU | USA | JPN | allied', 'EU')
    .option('--year <year>', 'assessment year of the inputs', '2023')
    .option('--explain <material>', 'the derivation for one material, step by step, with sources')
    .option('--vary <input>', 'sensitivity of SR to WGI | t | IR moved ±10 %')
    .option('--sr-threshold <value>', 'supply-risk threshold', '1')
    .option('--ei-threshold <value>', 'economic-importance threshold', '2.8')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .action((flags: Record<string, unknown>) => {
      code = criticalityCommand(dataset().dataset, flags, effects);
    });

  const controlsOptions = (c: Command): Command =>
    c
      .option('--item <item>', 'commodity or control item, e.g. dysprosium, gallium, graphite')
      .option('--destination <iso3>', 'destination country, e.g. JPN, USA')
      .option('--end-user <kind>', 'civil | military')
      .option(
        '--after-suspension <assumption>',
        'once a suspension window ends: unknown | lapsed | extended',
        'unknown',
      )
      .option('--json', 'print JSON');
  const controls = controlsOptions(
    program
      .command('controls')
      .description("China's export controls in force on a date, for an item and a destination")
      .option('--at <date>', 'date (YYYY-MM-DD; default: the data status date)')
      .enablePositionalOptions(),
  ).action((flags: Record<string, unknown>) => {
    code = controlsCommand(dataset().dataset, flags, effects);
  });
  controlsOptions(controls.command('timeline').description("each item's states over time")).action(
    (flags: Record<string, unknown>) => {
      code = controlsTimelineCommand(dataset().dataset, flags, effects);
    },
  );

  const network = program
    .command('network')
    .description('the multi-tier supply network: nodes, coefficients, capacities, balance and sources')
    .option('--chain <chain>', 'magnets | batteries | catalysts | optics | antimony | tungsten | all', 'all')
    .option('--json', 'print JSON')
    .enablePositionalOptions()
    .action((flags: Record<string, unknown>) => {
      code = networkCommand(dataset().dataset, flags, effects);
    });
  network
    .command('check')
    .description('fail on imbalance, a missing source or an unknown product or country')
    .action(() => {
      code = networkCheckCommand(dataset().dataset, effects);
    });

  const scenarios = program
    .command('scenarios')
    .description('the built-in scenario library (baseline, China 2024–2026 measures, the 2010 precedent)')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) => {
      code = scenariosCommand(dataset().dataset, flags, effects);
    });
  scenarios
    .command('show')
    .argument('<id>', 'scenario id, e.g. cn-2025-04-ree7')
    .description('one scenario in full, with its sources')
    .action((id: string) => {
      code = scenarioShowCommand(dataset().dataset, id, effects);
    });
  scenarios
    .command('check')
    .argument('<file>', 'scenario JSON file')
    .description('validate a scenario file; each problem names its JSON path')
    .action((file: string) => {
      code = scenarioCheckCommand(dataset().dataset, file, effects);
    });

  program
    .command('simulate')
    .description('month-by-month shortfalls through every tier under a scenario, with Monte Carlo bands and prices')
    .argument('<scenario>', 'scenario id (e.g. cn-2025-04-ree7) or a scenario JSON file')
    .option('--months <n>', 'horizon in months (default: the scenario’s)')
    .option('--runs <n>', 'Monte Carlo runs (1: the central case only)', '1')
    .option('--seed <n>', 'seed of the Monte Carlo draws')
    .option('--threads <n>', 'worker threads for Monte Carlo runs (default: cores, at most 4)')
    .option('--json', 'print the report as JSON')
    .option('--csv', 'print the shortfall rows as CSV')
    .action(async (scenario: string, flags: Record<string, unknown>) => {
      code = await simulateCommand(dataset().dataset, scenario, flags, effects);
    });

  program
    .command('explain')
    .description('why a country runs short of a product in a month: binding constraints and upstream causes')
    .argument('<scenario>', 'scenario id or a scenario JSON file')
    .requiredOption('--country <iso3>', 'ISO3 code or ROW, e.g. JPN')
    .requiredOption('--product <product>', 'network product, e.g. ndfeb_sintered')
    .requiredOption('--month <month>', 'month of the horizon (1 = the first) or YYYY-MM')
    .option('--months <n>', 'horizon in months (default: the scenario’s)')
    .option('--json', 'print JSON')
    .action(async (scenario: string, flags: Record<string, unknown>) => {
      code = await explainCommand(dataset().dataset, scenario, flags, effects);
    });

  program
    .command('portfolio')
    .description('which projects to back, with whose money, to close the allied gaps across scenarios (a MILP)')
    .requiredOption('--scenarios <ids>', 'scenario ids, comma-separated, e.g. cn-2025-04-ree7,cn-2025-10-package')
    .option('--budget <budgets>', 'USD by financier[.instrument] or country.ISO3, e.g. DFC=2e9,JBIC=200e9JPY')
    .option('--probabilities <p>', 'one per scenario, summing to 1 (default: equal)')
    .option('--horizon <months>', 'planning horizon in months', '36')
    .option('--financed-by <date>', 'only projects whose financing can close by this date (YYYY-MM-DD)')
    .option('--projects <file>', 'project records (JSON) instead of the shipped pipeline')
    .option('--draws <n>', 'Monte Carlo draws per scenario to optimise over (default 0: the central run)')
    .option('--seed <n>', 'seed of the Monte Carlo draws')
    .option('--json', 'print JSON')
    .action(async (flags: Record<string, unknown>) => {
      code = await portfolioCommand(dataset().dataset, flags, effects);
    });

  const projects = program
    .command('projects')
    .description('projects of mutual interest: capacity, capex, status, financing and sources; add, edit, retire')
    .option('--stage <stage>', 'mining | refining | metal | component | recycling')
    .option('--product <product>', 'magnets | batteries | catalysts | optics, or a network product, e.g. ndpr_oxide')
    .option('--country <iso3>', 'host country, e.g. AUS')
    .option(
      '--status <status>',
      'announced | feasibility | financed | construction | commissioning | operating | cancelled',
    )
    .option('--financier <id>', 'financier id, e.g. DOE, EFA, JOGMEC')
    .option('--partner <iso3>', 'view as this partner (fields restricted to others are hidden)')
    .option('--all', 'include retired records')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV with sources')
    .enablePositionalOptions()
    .action(async (flags: Record<string, string | boolean | undefined>) => {
      code = await projectsListCommand(dataset().dataset, flags, effects);
    });
  projects
    .command('show')
    .argument('<id>', 'project id, e.g. US-MP-10X')
    .description('one project in full: every figure with its source, and its change history')
    .option('--partner <iso3>', 'view as this partner')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: { partner?: string; json?: boolean }) => {
      code = await projectsShowCommand(dataset().dataset, id, flags, effects);
    });
  projects
    .command('add')
    .argument('<file>', 'a project record (JSON)')
    .description('add a project to the local pipeline (./.lodestone/projects.json)')
    .option('--by <name>', 'who makes the change (default: the OS user)')
    .action(async (file: string, flags: { by?: string }) => {
      code = await projectsAddCommand(dataset().dataset, file, flags, effects);
    });
  projects
    .command('edit')
    .argument('<id>', 'project id')
    .description('edit fields of a project, e.g. --set status=construction --set capex.amount=2.5e9')
    .option('--set <field=value...>', 'field path and value (JSON or text); repeatable')
    .option('--by <name>', 'who makes the change (default: the OS user)')
    .action(async (id: string, flags: { set?: string[]; by?: string }) => {
      code = await projectsEditCommand(dataset().dataset, id, flags, effects);
    });
  projects
    .command('retire')
    .argument('<id>', 'project id')
    .description('withdraw a project from the pipeline (it stays in the history)')
    .option('--reason <text>', 'why it is retired')
    .option('--by <name>', 'who makes the change (default: the OS user)')
    .action(async (id: string, flags: { reason?: string; by?: string }) => {
      code = await projectsRetireCommand(dataset().dataset, id, flags, effects);
    });
  projects
    .command('history')
    .argument('[id]', 'project id (default: every change)')
    .description('the change history of the local pipeline, field by field')
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, flags: { json?: boolean }) => {
      code = await projectsHistoryCommand(dataset().dataset, id, flags, effects);
    });
  projects
    .command('schema')
    .description('the JSON Schema of a project record')
    .action(() => {
      code = projectsSchemaCommand(effects);
    });

  program
    .command('intake')
    .description('news and official notices (en, ja, zh, ar; text, HTML or a folder) → proposed events with evidence')
    .argument('<path>', 'a .txt, .html or .md file, or a folder of them')
    .option('--lang <lang>', 'auto | en | ja | zh | ar', 'auto')
    .option('--published <date>', 'publication date (YYYY-MM-DD) for relative dates; default: the page’s own')
    .option('--min-confidence <value>', 'leave out events below this confidence (0–1)')
    .option('--json', 'print JSON: events, entities, evidence offsets and the normalised text')
    .action((path: string, flags: Record<string, unknown>) => {
      code = intakeCommand(dataset().dataset, path, flags, effects);
    });

  program
    .command('sources')
    .description('the source registry: one source in full, or every id')
    .argument('[id]', 'source id, e.g. usgs-mcs2025-world')
    .option('--json', 'print JSON')
    .action((id: string | undefined, flags: { json?: boolean }) => {
      code = sourcesCommand(dataset().dataset, id, flags, effects);
    });

  const policy = program
    .command('policy')
    .description('policy tools: price floors, offtake, loans, equity, tariffs, stockpiles');
  policy
    .command('evaluate')
    .description(
      "a project's NPV, IRR, bankability and taxpayer cost under a package of tools, over seeded price paths",
    )
    .requiredOption('--project <id>', 'project id, e.g. US-MP-MTP')
    .option('--signed', 'start from the package the project signed')
    .option('--floor <usdPerKg>', 'price floor, USD/kg')
    .option('--years <n>', 'years the floor and offtake last', '10')
    .option('--from <year>', "first year of the floor and offtake (default: the project's first year)")
    .option('--loan <usdM>', 'government loan, USD million (commercial with --guarantee)')
    .option('--loan-rate <rate>', 'loan interest rate', '0.05')
    .option('--loan-tenor <years>', 'repayment years after grace', '8')
    .option('--loan-grace <years>', 'interest-only years', '2')
    .option('--guarantee <share>', 'make the loan commercial with this share guaranteed by the government')
    .option('--equity <usdM>', 'government equity, USD million')
    .option('--stake <share>', "the equity's share of distributions", '0.15')
    .option('--offtake-share <share>', 'share of output the government buys')
    .option('--offtake-price <usdPerKg>', 'the offtake contract price, USD/kg')
    .option('--tariff <rate>', 'tariff on competing imports (0.25 = 25 %)')
    .option('--pass-through <share>', 'share of the tariff passed into the domestic price', '1')
    .option('--runs <n>', 'price paths', '2000')
    .option('--seed <n>', 'random seed', '1')
    .option('--json', 'print JSON')
    .option('--scenario <id>', 'also simulate the allied shortfall without and with the project (central run)')
    .action(async (flags: Record<string, unknown>) => {
      code = await policyEvaluateCommand(dataset().dataset, flags, effects);
    });
  policy
    .command('stockpile')
    .description("the stock that keeps a buyer's shortfall under a threshold with a chosen probability, and its cost")
    .requiredOption('--material <material>', 'commodity of a separated product, e.g. dysprosium')
    .requiredOption('--buyer <iso3>', 'buyer country, e.g. JPN')
    .option('--coverage <share>', 'share of simulated outcomes to cover', '0.95')
    .option('--threshold <tonnes>', 'remaining shortfall tolerated over the horizon, t', '0')
    .option('--scenarios <ids>', 'scenario ids, comma-separated (default: every built-in scenario but the baseline)')
    .option('--runs <n>', 'Monte Carlo runs per scenario', '10')
    .option('--seed <n>', 'random seed', '1')
    .option('--json', 'print JSON')
    .action(async (flags: Record<string, unknown>) => {
      code = await policyStockpileCommand(dataset().dataset, flags, effects, engineShortfallDraws);
    });

  program
    .command('tracker')
    .description(
      'framework commitments done, on track, overdue or unknown on a date, and capital committed versus mobilised',
    )
    .option('--framework <id>', 'us-jp-2025 | us-au-2025 (default: every framework)')
    .option('--as-of <date>', 'YYYY-MM-DD; only evidence dated on or before it counts (default: today)')
    .option('--json', 'print JSON')
    .action((flags: Record<string, unknown>) => {
      code = trackerCommand(dataset().dataset, flags, effects, () => new Date().toISOString().slice(0, 10));
    });

  program
    .command('offtake')
    .description("allocate backed projects' output among buyers: signed contracts first, then a fairness rule (LPs)")
    .requiredOption('--portfolio <file|id>', 'portfolio JSON file or bundled id, e.g. us-jp-magnets-2028')
    .requiredOption('--rule <rule>', 'maxmin | proportional | priority')
    .option('--json', 'print JSON')
    .action(async (flags: Record<string, unknown>) => {
      code = await offtakeCommand(dataset().dataset, flags, effects);
    });

  const data = program.command('data').description('dataset tools');
  data
    .command('check')
    .description('fail on any unsourced figure, unknown key, unit mismatch or sum above the world total')
    .action(() => {
      const { path, dataset: d } = dataset();
      code = dataCheckCommand(d, path, effects);
    });

  program
    .command('import')
    .description('import a data release')
    .command('usgs-mcs')
    .description('import a USGS Mineral Commodity Summaries data release folder (2025 wide or 2026 long layout)')
    .argument('<dir>', 'folder holding the release CSV files')
    .option('--out <file>', 'where to write the merged dataset (default: ./.lodestone/dataset.json)')
    .option('--skip-unmapped', 'skip (and name) commodities the series catalog does not map, instead of failing')
    .action((dir: string, flags: { out?: string; skipUnmapped?: boolean }) => {
      const { dataset: base } = dataset();
      code = importUsgsMcsCommand(base, dir, flags, effects);
    });

  const dataDirOption = (c: Command): Command =>
    c.option('--data-dir <dir>', 'embedded database directory (default: $LODESTONE_DATA_DIR or ./.lodestone/db)');
  const db = program
    .command('db')
    .description('the database: embedded PGlite by default, PostgreSQL when DATABASE_URL is set');
  dataDirOption(db.command('migrate').description('apply pending schema migrations')).action(
    async (flags: Record<string, unknown>) => {
      code = await dbMigrateCommand(flags, effects);
    },
  );
  dataDirOption(
    db.command('seed').description('store the dataset and its built-in scenarios (once per version)'),
  ).action(async (flags: Record<string, unknown>) => {
    const { path, dataset: d } = dataset();
    code = await dbSeedCommand(d, path, flags, effects);
  });
  dataDirOption(
    db
      .command('import')
      .description('store a dataset file as a new version, all or nothing')
      .argument('<file>', 'dataset JSON, e.g. ./.lodestone/dataset.json'),
  ).action(async (file: string, flags: Record<string, unknown>) => {
    code = await dbImportCommand(file, flags, effects);
  });
  dataDirOption(db.command('status').description('migrations applied or pending, and the dataset versions stored'))
    .option('--json', 'print JSON')
    .action(async (flags: Record<string, unknown>) => {
      code = await dbStatusCommand(flags, effects);
    });

  const keys = program
    .command('keys')
    .description('API keys: viewer, analyst or admin, optionally for partner countries');
  dataDirOption(keys.command('create').description('create a key and print it once (only its hash is stored)'))
    .requiredOption('--role <role>', 'viewer | analyst | admin')
    .option('--partner <iso3...>', 'partner countries the key speaks for, e.g. JPN USA')
    .option('--label <text>', 'a note on who holds the key')
    .option('--json', 'print JSON')
    .action(async (flags: Record<string, unknown>) => {
      code = await keysCreateCommand(flags, effects);
    });
  dataDirOption(keys.command('list').description('every key, without secrets'))
    .option('--json', 'print JSON')
    .action(async (flags: Record<string, unknown>) => {
      code = await keysListCommand(flags, effects);
    });
  dataDirOption(keys.command('revoke').description('revoke a key').argument('<id>', 'key id, e.g. key_3f2a…')).action(
    async (id: string, flags: Record<string, unknown>) => {
      code = await keysRevokeCommand(id, flags, effects);
    },
  );

  dataDirOption(
    program
      .command('serve')
      .description('the HTTP API (OpenAPI at /openapi.json, reference at /docs) and the dashboard')
      .option('--port <port>', 'port', '8787')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--require-keys', 'require an API key for every write, even from this machine')
      .option('--no-worker', 'on PostgreSQL, leave sweep jobs to lodestone worker processes')
      .option('--rate-limit <n>', 'requests per minute per key (or per address without one)', '600')
      .option('--log <level>', 'log level: fatal | error | warn | info | debug | silent', 'info'),
  ).action(async (flags: Record<string, unknown>) => {
    const { path, dataset: d } = dataset();
    code = await serveCommand(d, path, flags, effects);
  });

  program
    .command('worker')
    .description('run scenario-sweep jobs from the PostgreSQL queue at DATABASE_URL (any number of machines)')
    .option('--concurrency <n>', 'jobs at once', '1')
    .option('--threads <n>', 'simulation threads per job (default: cores, at most 4)')
    .option('--stale-after <seconds>', 'release the jobs of a worker silent this long', '15')
    .action(async (flags: Record<string, unknown>) => {
      code = await workerCommand(flags, effects);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UsageError) {
      effects.stderr(`lodestone: ${e.message}\n`);
      return EXIT.usage;
    }
    effects.stderr(`lodestone: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.failed;
  }
}
