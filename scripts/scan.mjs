#!/usr/bin/env node
// n8n's own verification scan (@n8n/scan-community-package), the static half, run locally:
//   1. over the source tree, with the file patterns the scanner uses for the attested source
//      (package.json, nodes/** and credentials/** .js/.ts/.json);
//   2. over the packed tarball (what npm would publish), with the patterns it uses for the
//      downloaded package (compiled .js and package.json).
// The provenance half needs a package published from CI with npm provenance
// (.github/workflows/publish.yml); it cannot run before publication.
//
// Usage: node scripts/scan.mjs <packed-tarball.tgz>
// Prints what the scanner reports; exits 1 when either half finds a violation.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tarball = process.argv[2];
if (!tarball) {
	console.error('usage: node scripts/scan.mjs <packed-tarball.tgz>');
	process.exit(2);
}

const unpacked = mkdtempSync(join(tmpdir(), 'cartona-scan-'));
let failed = false;
try {
	execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
	const legs = [
		['source tree', root, SOURCE_FILE_PATTERNS],
		['packed package', unpacked, ['**/*.js', 'package.json']],
	];
	for (const [label, dir, patterns] of legs) {
		const result = await analyzePackage(dir, patterns);
		if (result.passed && result.message === 'No files found to analyze') {
			// an empty scan proves nothing
			console.error(`scan: ${label}: the scanner found no files to analyze in ${dir}`);
			failed = true;
		} else if (result.passed) {
			console.log(`scan: ${label}: passed (@n8n/scan-community-package analyzePackage)`);
		} else {
			console.error(`scan: ${label}: ${result.message}\n${result.details ?? ''}`);
			failed = true;
		}
	}
} finally {
	rmSync(unpacked, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
