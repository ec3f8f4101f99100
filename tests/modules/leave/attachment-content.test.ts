import {
  claimedAttachmentType,
  cleanFilename,
  sniffAttachmentType,
} from '../../../src/modules/leave/attachment-content';

describe('attachment content', () => {
  it('when the first bytes are a PDF, PNG or JPEG signature then that is the type, whatever the name', () => {
    expect(sniffAttachmentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffAttachmentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(sniffAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xdb]))).toBe('image/jpeg');
    expect(sniffAttachmentType(Buffer.from('%PD'))).toBeUndefined();
    expect(sniffAttachmentType(Buffer.from('GIF89a'))).toBeUndefined();
  });

  it('when a client names a type by Content-Type or extension then that is the claim', () => {
    expect(claimedAttachmentType('x.bin', 'application/pdf')).toBe('application/pdf');
    expect(claimedAttachmentType('Scan.JPEG', 'application/octet-stream')).toBe('image/jpeg');
    expect(claimedAttachmentType('notes', 'application/octet-stream')).toBeUndefined();
  });

  it('when a file name carries a path or control characters then only a clean base name is kept', () => {
    expect(cleanFilename('../../etc/passwd')).toBe('passwd');
    expect(cleanFilename('C:\\Users\\ada\\note\u0000".pdf')).toBe('note.pdf');
    expect(cleanFilename('   ')).toBe('attachment');
  });
});
