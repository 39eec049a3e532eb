// Who is logged in, as the header says it: "name (role)". A name that already names the
// role (the demo's "门卫（演示）") is shown alone: not "门卫（演示）（门卫）".

/**
 * Whether `displayName` contains the role's word, or one of its words when the role is
 * named several ways ("厂长 / 环保负责人"). Letters are compared without case ("Guard Li").
 */
export function nameNamesRole(displayName: string, roleWords: string): boolean {
  const name = displayName.toLowerCase();
  return roleWords.split('/')
    .map((word) => word.trim().toLowerCase())
    .some((word) => word.length > 0 && name.includes(word));
}
