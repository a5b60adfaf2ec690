import { describe, expect, it } from 'vitest';
import { formatUsd } from './cost';

const byIntl = (usd: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: usd < 0.1 && usd > 0 ? 3 : 2 }).format(usd);

describe('formatUsd', () => {
  it('shows cents, and a tenth of a cent under ten cents', () => {
    expect(formatUsd(1.5, 'en')).toBe('$1.50');
    expect(formatUsd(0.0455, 'en')).toBe('$0.046');
    expect(formatUsd(0.05, 'en')).toBe('$0.05');
    expect(formatUsd(0, 'en')).toBe('$0.00');
    expect(formatUsd(0.0455, 'zh-CN')).toBe('US$0.046');
  });

  it('writes exactly what Intl writes in both languages, from fractions of a cent to thousands', () => {
    const amounts = [0, 0.0001, 0.0005, 0.001, 0.0049, 0.012, 0.0455, 0.0999, 0.1, 0.125, 0.28, 0.995, 1, 1.005, 12.34, 999.999, 1000, 1234.5, 98765.432, 1234567.891];
    for (const locale of ['en', 'en-US', 'zh-CN']) {
      for (const usd of amounts) expect(formatUsd(usd, locale), `${usd} in ${locale}`).toBe(byIntl(usd, locale));
    }
  });

  it('leaves other languages to Intl', () => {
    expect(formatUsd(1234.5, 'de-DE')).toBe(byIntl(1234.5, 'de-DE'));
  });
});
