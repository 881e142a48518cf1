// `nps-collector` (the package's bin, dist/collector/server.js): the collector and the dashboard as
// one production server, configured by environment variables (see src/collector/README.md).
import { nodeProcess, runCommand } from './collector/server/run-command';

await runCommand(nodeProcess());
