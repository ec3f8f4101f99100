/**
 * Just enough MIME to read the parts of a message as nodemailer sends it: every leaf part of every
 * multipart, its unfolded headers and its decoded body.
 */
export interface MimePart {
  contentType: string;
  disposition: string;
  body: string;
}

function header(headers: string, name: string): string {
  const line = headers.split(/\r?\n/).find((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

function decode(body: string, encoding: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding))
    return Buffer.from(
      body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}

export function mimeParts(raw: string): MimePart[] {
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((m) => m[1]!);
  const parts: MimePart[] = [];
  for (const boundary of boundaries) {
    for (const chunk of raw.split(`--${boundary}`).slice(1, -1)) {
      const split = chunk.search(/\r?\n\r?\n/);
      const headers = chunk.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
      const contentType = header(headers, 'Content-Type');
      if (/^multipart\//i.test(contentType)) continue;
      parts.push({
        contentType,
        disposition: header(headers, 'Content-Disposition'),
        body: decode(chunk.slice(split).trim(), header(headers, 'Content-Transfer-Encoding')),
      });
    }
  }
  return parts;
}
