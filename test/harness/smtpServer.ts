/**
 * A tiny SMTP server on loopback (Node's net module only) that captures every message, so a test
 * can assert what n8n's Send Email node really sent: envelope, headers and body.
 * Speaks enough of RFC 5321 for nodemailer: EHLO/HELO, AUTH PLAIN/LOGIN (any password accepted,
 * the user is recorded), MAIL FROM, RCPT TO, DATA with dot-unstuffing, RSET, NOOP, QUIT.
 * No STARTTLS is offered, so clients stay in plain text (set the credential's SSL/TLS off).
 */
import * as net from 'net';

export interface CapturedMail {
	from: string;
	to: string[];
	authUser?: string;
	/** The raw message as received (headers + body, CRLF line ends, dots unstuffed). */
	raw: string;
	headers: Record<string, string>;
	subject: string;
	/** The body after the header block (still MIME-encoded when the client encoded it). */
	body: string;
	/** The body's text parts decoded (quoted-printable and base64), joined. */
	text: string;
}

export interface SmtpServer {
	host: string;
	port: number;
	messages: CapturedMail[];
	/** Resolves with the first message (from now or already received) matching the predicate. */
	waitForMessage(predicate?: (m: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
	close(): Promise<void>;
}

function decodeQuotedPrintable(s: string): string {
	const bytes = s
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
	return Buffer.from(bytes, 'latin1').toString('utf8');
}

function parseHeaders(block: string): Record<string, string> {
	const headers: Record<string, string> = {};
	const unfolded = block.replace(/\r\n[ \t]+/g, ' ');
	for (const line of unfolded.split('\r\n')) {
		const i = line.indexOf(':');
		if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
	}
	return headers;
}

function decodeMimeWords(s: string): string {
	return s.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_m, _cs, enc: string, data: string) =>
		enc.toUpperCase() === 'B'
			? Buffer.from(data, 'base64').toString('utf8')
			: decodeQuotedPrintable(data.replace(/_/g, ' ')),
	);
}

/** Decodes every text part of a (possibly multipart) message body. */
function decodeText(headers: Record<string, string>, body: string): string {
	const type = headers['content-type'] || 'text/plain';
	const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
	if (/^multipart\//i.test(type) && boundary) {
		return body
			.split(`--${boundary}`)
			.slice(1)
			.filter((part) => !part.startsWith('--'))
			.map((part) => {
				const sep = part.indexOf('\r\n\r\n');
				if (sep < 0) return '';
				const h = parseHeaders(part.slice(0, sep).replace(/^\r\n/, ''));
				return decodeText(h, part.slice(sep + 4));
			})
			.join('\n');
	}
	const enc = (headers['content-transfer-encoding'] || '').toLowerCase();
	if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
	return body;
}

function parseMail(raw: string, from: string, to: string[], authUser?: string): CapturedMail {
	const sep = raw.indexOf('\r\n\r\n');
	const headerBlock = sep >= 0 ? raw.slice(0, sep) : raw;
	const body = sep >= 0 ? raw.slice(sep + 4) : '';
	const headers = parseHeaders(headerBlock);
	return {
		from,
		to,
		authUser,
		raw,
		headers,
		subject: decodeMimeWords(headers.subject || ''),
		body,
		text: decodeText(headers, body),
	};
}

export async function startSmtpServer({ port = 0 }: { port?: number } = {}): Promise<SmtpServer> {
	const messages: CapturedMail[] = [];
	const waiters: Array<{ predicate: (m: CapturedMail) => boolean; resolve: (m: CapturedMail) => void }> = [];
	const sockets = new Set<net.Socket>();

	const deliver = (mail: CapturedMail) => {
		messages.push(mail);
		for (const w of [...waiters]) {
			if (w.predicate(mail)) {
				waiters.splice(waiters.indexOf(w), 1);
				w.resolve(mail);
			}
		}
	};

	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
		let buffer = '';
		let mode: 'command' | 'data' | 'authLoginUser' | 'authLoginPass' = 'command';
		let from = '';
		let to: string[] = [];
		let authUser: string | undefined;
		const reply = (line: string) => socket.write(`${line}\r\n`);
		reply('220 cartona-test-smtp ESMTP ready');

		const handleCommand = (line: string) => {
			const verb = line.split(' ')[0].toUpperCase();
			const arg = line.slice(verb.length).trim();
			switch (verb) {
				case 'EHLO':
					socket.write('250-cartona-test-smtp\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 10485760\r\n');
					return;
				case 'HELO':
					return reply('250 cartona-test-smtp');
				case 'AUTH': {
					const [mech, initial] = arg.split(' ');
					if (mech.toUpperCase() === 'PLAIN') {
						if (!initial) return reply('334 ');
						authUser = Buffer.from(initial, 'base64').toString('utf8').split('\0')[1];
						return reply('235 2.7.0 Authentication successful');
					}
					if (mech.toUpperCase() === 'LOGIN') {
						mode = 'authLoginUser';
						return reply('334 VXNlcm5hbWU6');
					}
					return reply('504 5.5.4 Unrecognized authentication type');
				}
				case 'MAIL':
					from = /<([^>]*)>/.exec(arg)?.[1] ?? '';
					to = [];
					return reply('250 2.1.0 OK');
				case 'RCPT':
					to.push(/<([^>]*)>/.exec(arg)?.[1] ?? '');
					return reply('250 2.1.5 OK');
				case 'DATA':
					mode = 'data';
					return reply('354 End data with <CR><LF>.<CR><LF>');
				case 'RSET':
					from = '';
					to = [];
					return reply('250 2.0.0 OK');
				case 'NOOP':
					return reply('250 2.0.0 OK');
				case 'QUIT':
					reply('221 2.0.0 Bye');
					socket.end();
					return;
				default:
					// A PLAIN continuation line after "334 ".
					if (/^[A-Za-z0-9+/=]+$/.test(line) && !authUser) {
						authUser = Buffer.from(line, 'base64').toString('utf8').split('\0')[1];
						return reply('235 2.7.0 Authentication successful');
					}
					return reply('502 5.5.2 Command not recognized');
			}
		};

		socket.on('data', (chunk) => {
			buffer += chunk.toString('latin1');
			for (;;) {
				if (mode === 'data') {
					const end = buffer.indexOf('\r\n.\r\n');
					const endAtStart = buffer.startsWith('.\r\n');
					if (end < 0 && !endAtStart) return;
					const rawLatin = endAtStart ? '' : buffer.slice(0, end);
					buffer = endAtStart ? buffer.slice(3) : buffer.slice(end + 5);
					const raw = Buffer.from(rawLatin.replace(/^\.\./gm, '.'), 'latin1').toString('utf8');
					deliver(parseMail(raw, from, to, authUser));
					mode = 'command';
					reply('250 2.0.0 OK: queued');
					continue;
				}
				const nl = buffer.indexOf('\r\n');
				if (nl < 0) return;
				const line = buffer.slice(0, nl);
				buffer = buffer.slice(nl + 2);
				if (mode === 'authLoginUser') {
					authUser = Buffer.from(line, 'base64').toString('utf8');
					mode = 'authLoginPass';
					reply('334 UGFzc3dvcmQ6');
				} else if (mode === 'authLoginPass') {
					mode = 'command';
					reply('235 2.7.0 Authentication successful');
				} else {
					handleCommand(line);
				}
			}
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	const address = server.address() as net.AddressInfo;

	return {
		host: '127.0.0.1',
		port: address.port,
		messages,
		waitForMessage(predicate = () => true, timeoutMs = 30000) {
			const already = messages.find(predicate);
			if (already) return Promise.resolve(already);
			return new Promise<CapturedMail>((resolve, reject) => {
				const waiter = {
					predicate,
					resolve: (m: CapturedMail) => {
						clearTimeout(timer);
						resolve(m);
					},
				};
				const timer = setTimeout(() => {
					waiters.splice(waiters.indexOf(waiter), 1);
					reject(new Error(`no mail matching the predicate within ${timeoutMs} ms (${messages.length} received)`));
				}, timeoutMs);
				waiters.push(waiter);
			});
		},
		close() {
			for (const s of sockets) s.destroy();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
