import { neutraliseCsvCell, restoreCsvCell } from '../../src/lib/csv-safety';

describe('CSV injection neutralising', () => {
  it.each(['=SUM(A1)', '+49 30 1234567', '-2+3', '@cmd', '\tx', '\rx'])(
    'when a cell starts like a formula (%j) then it is prefixed with a quote and reads back as it was',
    (cell) => {
      expect(neutraliseCsvCell(cell)).toBe(`'${cell}`);
      expect(restoreCsvCell(neutraliseCsvCell(cell))).toBe(cell);
    },
  );

  it('when a cell is plain text or merely starts with a quote then it is left alone', () => {
    expect(neutraliseCsvCell('Ada Lovelace')).toBe('Ada Lovelace');
    expect(neutraliseCsvCell('')).toBe('');
    expect(restoreCsvCell("'quoted on purpose")).toBe("'quoted on purpose");
  });
});
