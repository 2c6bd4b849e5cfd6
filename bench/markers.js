/**
 * Marked sections of a Markdown file: the text between `<!-- bench:begin NAME -->` and
 * `<!-- bench:end NAME -->` belongs to bench/render.js; everything outside stays as written.
 * CommonJS, no dependencies.
 */
'use strict';

const MARKED = /(<!-- bench:begin ([\w-]+) -->\n)([\s\S]*?)(<!-- bench:end \2 -->)/g;

/** The names of the marked sections in text, in order. */
function markedNames(text) {
	return [...text.matchAll(MARKED)].map((m) => m[2]);
}

/**
 * Text with every marked section's content replaced by blocks[NAME] (plus a final newline).
 * Throws on a section no block renders, and on a begin marker without its end marker.
 */
function replaceMarked(text, blocks, file) {
	const begins = (text.match(/<!-- bench:begin [\w-]+ -->/g) || []).length;
	if (begins !== markedNames(text).length) throw new Error(`${file}: a <!-- bench:begin NAME --> marker has no matching <!-- bench:end NAME -->`);
	return text.replace(MARKED, (_, begin, name, _old, end) => {
		if (!(name in blocks)) throw new Error(`${file}: no generated block named "${name}" (known: ${Object.keys(blocks).join(', ')})`);
		return `${begin}${blocks[name].replace(/\n*$/, '\n')}${end}`;
	});
}

module.exports = { markedNames, replaceMarked };
