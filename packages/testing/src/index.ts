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
export { type OneFilePackage, oneFilePackage } from './one-file-package';
export { SplitMix64 } from './splitmix64';
