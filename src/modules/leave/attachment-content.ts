/**
 * What an uploaded file is, decided by its first bytes (magic numbers), never by the name or the
 * Content-Type the client sent: only PDF, PNG and JPEG are accepted.
 */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const SIGNATURES: Array<{ type: AttachmentType; bytes: number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

export function sniffAttachmentType(content: Buffer): AttachmentType | undefined {
  return SIGNATURES.find(({ bytes }) => bytes.every((byte, i) => content[i] === byte))?.type;
}

const EXTENSIONS: Record<string, AttachmentType> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/** The type the client claims by Content-Type or file extension, when it names one of ours. */
export function claimedAttachmentType(filename: string, mimetype: string): AttachmentType | undefined {
  if ((ATTACHMENT_TYPES as readonly string[]).includes(mimetype)) return mimetype as AttachmentType;
  const extension = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  return extension ? EXTENSIONS[extension] : undefined;
}

/** A file name safe to store and to send back: no path, no control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (cleaned || 'attachment').slice(-200);
}
