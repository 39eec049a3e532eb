import { describe, expect, it } from 'vitest';
import zh from '../../resources/locales/zh-CN.json' with { type: 'json' };
import en from '../../resources/locales/en.json' with { type: 'json' };
import { DEMO_USERS } from '../../electron/config/demo-site.ts';
import { nameNamesRole } from './user-label.ts';

describe('the user in the header', () => {
  it('does not repeat the role of a demo account whose name already says it, in Chinese', () => {
    const repeats = DEMO_USERS.map((u) => nameNamesRole(u.displayName, zh.role[u.role]));

    expect(repeats).toEqual([true, true, true, true]);
  });

  it('names the role of an account whose name does not say it', () => {
    expect(nameNamesRole('王师傅', zh.role.guard)).toBe(false);
    expect(nameNamesRole('门卫（演示）', en.role.guard)).toBe(false);
    expect(nameNamesRole('Guard Li', en.role.guard)).toBe(true);
    expect(nameNamesRole('环保负责人 张', zh.role.manager)).toBe(true);
    expect(nameNamesRole('Li', ' / ')).toBe(false);
  });
});
