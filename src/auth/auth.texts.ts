import { Bilingual } from '../common/bilingual';

/** Staff-facing texts of the login (the desk shows an error's message as it comes). */
export const AUTH_TEXTS = {
  wrongLogin: {
    en: 'Wrong username or password',
    zh: '用户名或密码错误',
  },
  slowDown: {
    en: 'Too many login attempts: try again in {seconds} s',
    zh: '登录尝试过多，请 {seconds} 秒后再试',
  },
  locked: {
    en: 'Login locked after too many failed attempts: try again in {minutes} min',
    zh: '失败次数过多，登录已锁定，请 {minutes} 分钟后再试',
  },
} satisfies Record<string, Bilingual>;

/** Both languages in one message: a login has no chosen language yet. */
export function both(text: Bilingual): string {
  return `${text.en} / ${text.zh}`;
}
