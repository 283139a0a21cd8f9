// Preload (node --import) for wall-step.test.ts where libfaketime is absent:
// the process's Date.now() adds the offset in milliseconds read, on every
// call, from the file named by WALL_OFFSET_FILE, which the parent rewrites.
import { readFileSync } from 'node:fs';

const file = process.env.WALL_OFFSET_FILE;
const realNow = Date.now;
if (file) Date.now = () => realNow() + Number(readFileSync(file, 'utf8') || 0);
