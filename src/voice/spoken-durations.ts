import type { Locale } from '../domain/tenant.ts';
import { cardinalWords } from './number-words.ts';

const unit = (locale: Locale, n: number, en: [string, string], de: [string, string]): string => {
  if (locale === 'de') return n === 1 ? `eine ${de[0]}` : `${cardinalWords(n, 'de')} ${de[1]}`;
  return n === 1 ? `one ${en[0]}` : `${cardinalWords(n, 'en')} ${en[1]}`;
};

/**
 * A duration the way a person says it: seconds under a minute ("forty-two seconds"),
 * rounded minutes under an hour ("about four minutes"), hours and minutes above
 * ("about one hour and twenty minutes") / "etwa eine Stunde und zwanzig Minuten".
 */
export function spokenDuration(locale: Locale, seconds: number): string {
  const about = locale === 'de' ? 'etwa' : 'about';
  const and = locale === 'de' ? 'und' : 'and';
  const whole = Math.max(1, Math.round(seconds));
  if (whole < 60) return unit(locale, whole, ['second', 'seconds'], ['Sekunde', 'Sekunden']);
  const minutes = Math.round(whole / 60);
  if (minutes < 60) return `${about} ${unit(locale, minutes, ['minute', 'minutes'], ['Minute', 'Minuten'])}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes - hours * 60;
  const h = unit(locale, hours, ['hour', 'hours'], ['Stunde', 'Stunden']);
  return rest === 0 ? `${about} ${h}` : `${about} ${h} ${and} ${unit(locale, rest, ['minute', 'minutes'], ['Minute', 'Minuten'])}`;
}
