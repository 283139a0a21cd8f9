// The one browser gostd's checks drive: Debian's Chromium (apt-get install chromium; .ci/run installs
// it), through playwright-core, never a downloaded browser. GOSTD_CHROMIUM points elsewhere (GitHub's
// runner has /usr/bin/google-chrome; GOSTD_CHROMIUM=/nonexistent checks a test's skip).
import { chromium } from 'playwright-core';

// biome-ignore lint/suspicious/noUndeclaredEnvVars: not a turbo task input
export const chromiumPath = process.env.GOSTD_CHROMIUM ?? '/usr/bin/chromium';

/** Launches headless Chromium from chromiumPath, as root in a container (no sandbox, no GPU). */
export function launchChromium() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
