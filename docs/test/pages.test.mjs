// Static checks of the docs pages and of what they pull in from the packages. `npm run docs:test`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { examplesFromMarkdown } from '../../scripts/examples.mjs';
import {
  benchmarksSection,
  demoteHeadings,
  discoverPackages,
  docsDir,
  expandMarkers,
  frontmatter,
  includeTargets,
  packageProblems,
  rebaseReadmeLink,
  repoRoot,
  sourcePages,
} from '../scripts/site.mjs';

const { present, absent } = discoverPackages();
const presentNames = new Set(present.map((p) => p.name));
const rel = (/** @type {string} */ f) => path.relative(repoRoot, f);
/** Pages that the site builds: every hand-written page except those of packages that do not exist. */
const builtPages = sourcePages().filter(
  (f) => !absent.some((name) => f === path.join(docsDir, 'packages', `${name}.md`)),
);

describe('docs pages', () => {
  test("a package page tells Go's story once: the README's first section does not retell it", () => {
    /** @param {string} text @param {RegExp} start */
    const section = (text, start) => {
      const lines = text.split(/\r?\n/);
      const from = lines.findIndex((l) => start.test(l));
      if (from < 0) return '';
      const to = lines.findIndex((l, i) => i > from && /^## /.test(l));
      return lines.slice(from + 1, to < 0 ? undefined : to).join(' ');
    };
    /** @param {string} text */
    const words = (text) => text.toLowerCase().match(/[a-z0-9.]+/g) ?? [];
    const told = [];
    for (const p of present) {
      const story = words(section(fs.readFileSync(p.page, 'utf8'), /^## The Go original/));
      const intro = section(fs.readFileSync(p.readme, 'utf8'), /^# /);
      assert.ok(story.length > 0, `${rel(p.page)} has no "## The Go original" section`);
      const history = /\bGo 1\.\d+ (added|made|fixed|introduced)\b/.exec(intro);
      if (history)
        told.push(
          `${rel(p.readme)}'s first section says "${history[0]}": that history belongs to ${rel(p.page)}`,
        );
      const runs = new Set(
        story.map((_, i) => story.slice(i, i + 8).join(' ')).filter((r) => r.split(' ').length === 8),
      );
      const introWords = words(intro);
      for (let i = 0; i + 8 <= introWords.length; i++) {
        const run = introWords.slice(i, i + 8).join(' ');
        if (runs.has(run)) {
          told.push(`${rel(p.readme)}'s first section repeats "${run}" from ${rel(p.page)}'s Go original`);
          break;
        }
      }
    }
    assert.deepEqual(told, []);
  });

  test('every runnable code block imports a @gostd package and has an // Output: block', () => {
    const bad = [];
    for (const page of sourcePages()) {
      // examplesFromMarkdown is what the package tests use: it returns every ts/js block not fenced no-run.
      for (const ex of examplesFromMarkdown(page, fs.readFileSync(page, 'utf8'))) {
        const where = `${rel(page)}:${ex.line}`;
        const imported = [...ex.code.matchAll(/from ['"]@gostd\/([a-z-]+)(?:\/[a-z-]+)?['"]/g)].map(
          (m) => m[1],
        );
        if (imported.length === 0) {
          bad.push(`${where}: imports no @gostd package, so no test runs it (fence it as \`\`\`ts no-run)`);
          continue;
        }
        if (ex.output === undefined) bad.push(`${where}: has no // Output: block`);
        const isOwnPage = path.dirname(page) === path.join(docsDir, 'packages');
        if (isOwnPage && !presentNames.has(path.basename(page, '.md'))) continue; // page not built
        for (const name of imported) {
          if (!presentNames.has(name ?? ''))
            bad.push(`${where}: imports @gostd/${name}, which does not exist`);
        }
      }
    }
    assert.deepEqual(bad, []);
  });

  test('every @include of a built page resolves', () => {
    const missing = [];
    for (const page of builtPages) {
      for (const target of includeTargets(page, fs.readFileSync(page, 'utf8'))) {
        if (!fs.existsSync(target)) missing.push(`${rel(page)} includes ${rel(target)}`);
      }
    }
    assert.deepEqual(missing, []);
  });

  test('only known @gostd: markers are used', () => {
    const unknown = [];
    for (const page of sourcePages()) {
      for (const m of fs.readFileSync(page, 'utf8').matchAll(/<!--\s*@gostd:([a-z]*)/g)) {
        if (m[1] !== 'packages' && m[1] !== 'benchmarks') unknown.push(`${rel(page)}: @gostd:${m[1]}`);
      }
    }
    assert.deepEqual(unknown, []);
  });
});

describe('packages', () => {
  test('at least one package exists', () => {
    assert.ok(present.length > 0, 'no packages/<name>/src/index.ts found');
  });

  for (const pkg of present) {
    test(`${pkg.npmName} has what its docs page needs`, () => {
      assert.deepEqual(packageProblems(pkg), []);
    });
  }
});

describe('site helpers', () => {
  test('frontmatter reads flat key: value pairs', () => {
    assert.deepEqual(frontmatter("---\ntitle: '@gostd/sync'\ngo: sync\norder: 3\n---\n# x\n"), {
      title: '@gostd/sync',
      go: 'sync',
      order: '3',
    });
    assert.deepEqual(frontmatter('# no front matter\n'), {});
  });

  test('benchmarksSection takes the section up to the next level-2 heading, ignoring code blocks', () => {
    const readme = [
      '# @gostd/x',
      '## Install',
      '## Benchmarks',
      'Measured today.',
      '```sh',
      '## not a heading',
      '```',
      '### Notes',
      'n',
      '## License',
      'BSD',
    ].join('\n');
    assert.equal(benchmarksSection(readme), 'Measured today.\n```sh\n## not a heading\n```\n### Notes\nn');
    assert.equal(benchmarksSection('# x\n## Install\n'), undefined);
  });

  test('demoteHeadings moves headings one level down, not code', () => {
    assert.equal(demoteHeadings('### a\n```\n# b\n```\n#### c'), '#### a\n```\n# b\n```\n##### c');
  });

  test('includeTargets resolves relative to the page, dropping a line range', () => {
    const page = path.join(docsDir, 'packages', 'x.md');
    assert.deepEqual(includeTargets(page, '<!--@include: ../../packages/x/README.md{2,}-->'), [
      path.join(repoRoot, 'packages', 'x', 'README.md'),
    ]);
  });

  test('a package without src/index.ts is absent: no page, link or benchmark table', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gostd-docs-'));
    try {
      const pkg = (/** @type {string} */ name, /** @type {boolean} */ withSource) => {
        const dir = path.join(root, 'packages', name);
        fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `@gostd/${name}` }));
        if (withSource) fs.writeFileSync(path.join(dir, 'src', 'index.ts'), 'export const x = 1;\n');
        fs.writeFileSync(
          path.join(dir, 'README.md'),
          `# @gostd/${name}\n\n## Benchmarks\n\n| ${name} | 1 |\n`,
        );
      };
      pkg('here', true);
      pkg('later', false);
      fs.mkdirSync(path.join(root, 'docs', 'packages'), { recursive: true });
      fs.writeFileSync(path.join(root, 'docs', 'packages', 'gone.md'), '---\ngo: gone\n---\n');
      const { present, absent } = discoverPackages(root);
      assert.deepEqual(
        present.map((p) => p.name),
        ['here'],
      );
      assert.deepEqual(absent, ['gone', 'later']);
      const table = expandMarkers('<!--@gostd:packages-->', 'index.md', present);
      assert.match(table, /\[@gostd\/here\]\(\.\/packages\/here\.md\)/);
      assert.doesNotMatch(table, /later|gone/);
      const bench = expandMarkers('<!-- @gostd:benchmarks -->', 'benchmarks.md', present);
      assert.match(bench, /^## @gostd\/here\n/);
      assert.match(bench, /\| here \| 1 \|/);
      // README links are relative to the package folder; on a docs page they are re-based.
      fs.writeFileSync(path.join(root, 'CONTRIBUTING.md'), '# Contributing\n');
      const link = (/** @type {string} */ href, page = 'packages/here.md') =>
        rebaseReadmeLink(href, 'here', page, present, root);
      assert.equal(link('../../CONTRIBUTING.md#names'), '../contributing.md#names');
      assert.equal(link('../../CONTRIBUTING.md', 'benchmarks.md'), './contributing.md');
      assert.equal(
        link('./src/index.ts'),
        'https://github.com/gostd/gostd/blob/main/packages/here/src/index.ts',
      );
      assert.equal(link('src'), 'https://github.com/gostd/gostd/tree/main/packages/here/src');
      assert.equal(link('https://go.dev/'), 'https://go.dev/');
      assert.equal(link('#benchmarks'), '#benchmarks');
      assert.equal(link('#install', 'benchmarks.md'), './packages/here.md#install');
      assert.throws(() => link('./src/missing.ts'), /packages\/here\/src\/missing\.ts does not exist/);
      // A present package whose README lost its Benchmarks section breaks the build, loudly.
      fs.writeFileSync(path.join(root, 'packages', 'here', 'README.md'), '# @gostd/here\n');
      assert.throws(
        () => expandMarkers('<!--@gostd:benchmarks-->', 'benchmarks.md', present),
        /no "## Benchmarks"/,
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
