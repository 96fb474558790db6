import { describe, expect, it } from 'vitest';
import { copyLine, csvCell, csvLine, neutraliseFormula } from './csv-write.js';

describe('csvCell (a file a person opens in a spreadsheet)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+84 912 345', "'+84 912 345"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('neutralises the formula start of %j', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it('keeps numbers as numbers, negative ones included', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
    // A spreadsheet reads these strings as the numbers they spell, not as formulas.
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('+84')).toBe('+84');
    expect(csvCell('-1e-3')).toBe('-1e-3');
    // …but not these.
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('-')).toBe("'-");
  });

  it('quotes separators, quotes, line breaks and edge spaces, and leaves plain text alone', () => {
    expect(csvCell('Đường Lạch Tray')).toBe('Đường Lạch Tray');
    expect(csvCell('Lê Lợi, Ngô Quyền')).toBe('"Lê Lợi, Ngô Quyền"');
    expect(csvCell('cột "A"')).toBe('"cột ""A"""');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell(['a', 'b'])).toBe('a;b');
    expect(csvCell(['=x', 'b'])).toBe("'=x;b");
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('writes a CRLF line of guarded cells', () => {
    expect(csvLine(['=1', -1, 'a,b'])).toBe(`'=1,-1,"a,b"\r\n`);
  });
});

describe('copyLine (COPY into the database)', () => {
  it('keeps the text exactly as it is', () => {
    expect(copyLine(['=1', '-2+3', '@x', 'a,b', null, -1])).toBe(`=1,-2+3,@x,"a,b",,-1\r\n`);
  });
});

describe('neutraliseFormula', () => {
  it('leaves text that starts safely unchanged', () => {
    expect(neutraliseFormula('SRID=4326;POINT(1 2)')).toBe('SRID=4326;POINT(1 2)');
    expect(neutraliseFormula('')).toBe('');
  });
});
