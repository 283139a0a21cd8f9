export {
  findGo,
  go,
  goAtLeast,
  goBuild,
  goBuildModule,
  goCandidates,
  goEnv,
  goPath,
  goRun,
  goTool,
  goVersion,
  minGo,
  requireGo,
  whyNoGo,
} from './go.mjs';
export { SplitMix64 } from './splitmix64';
