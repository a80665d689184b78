import { brandColours, contrast, readBranding } from './branding';

describe('the widget branding', () => {
  const good = {
    name: { zh: '滨江供电', en: 'Binjiang Power' },
    logoText: '滨',
    primaryColor: '#004b87',
    timeZone: 'Europe/London',
  };

  it('accepts the server answer and refuses anything else', () => {
    expect(readBranding(good)).toEqual(good);
    expect(readBranding(null)).toBeNull();
    expect(readBranding({ ...good, primaryColor: 'red;}' })).toBeNull();
    expect(readBranding({ ...good, name: { zh: '滨江' } })).toBeNull();
  });

  it('takes the service zone, and Shanghai when the zone is missing or unknown', () => {
    expect(readBranding(good)?.timeZone).toBe('Europe/London');
    expect(readBranding({ ...good, timeZone: undefined })?.timeZone).toBe('Asia/Shanghai');
    expect(readBranding({ ...good, timeZone: 'Mars/Olympus' })?.timeZone).toBe('Asia/Shanghai');
  });

  it('puts white text on a dark brand and dark text on a light one', () => {
    expect(brandColours('#004b87').onBrand).toBe('#ffffff');
    expect(brandColours('#ffd200').onBrand).toBe('#1d2630');
  });

  it('always reaches 4.5:1 with its text colours (WCAG AA)', () => {
    for (const colour of ['#0b6e4f', '#004b87', '#ffd200', '#e60012', '#7fdbff', '#ffffff']) {
      const { brand, onBrand, ink } = brandColours(colour);
      expect(contrast(ink, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      // Mid-tones can fall short with either text colour; the better one is taken.
      expect(contrast(brand, onBrand)).toBeGreaterThanOrEqual(
        Math.min(contrast(brand, '#ffffff'), contrast(brand, '#1d2630')),
      );
    }
  });
});
