// The words of every ledger check, in Chinese first and English, so a problem reads the same in
// the form, the import report and the inspection sample. An issue names the field it is about;
// errors keep a record out of the ledger, warnings are kept beside it and shown.
import type { FieldIssue } from '../../api/contract.ts';

type Sentence = (p: Record<string, string>) => string;
interface IssueWords { severity: FieldIssue['severity']; zh: Sentence; en: Sentence }
const err = (zh: Sentence, en: Sentence): IssueWords => ({ severity: 'error', zh, en });
const warn = (zh: Sentence, en: Sentence): IssueWords => ({ severity: 'warning', zh, en });

const STAGE_ZH: Readonly<Record<string, string>> = {
  0: '国0', 1: '国一', 2: '国二', 3: '国三', 4: '国四', 5: '国五', 6: '国六',
  D: '电动', X: '无排放阶段',
};
export const stageZh = (s: string) => STAGE_ZH[s] ?? s;

const ISSUES: Readonly<Record<string, IssueWords>> = {
  'required': warn(
    (p) => `缺少必填项：${p.label}`,
    (p) => `${p.labelEn} is required by the regulation`),
  'plate.unknown-form': err(
    (p) => `号牌“${p.plate}”不符合任何已知号牌格式`,
    (p) => `plate "${p.plate}" fits no known plate form`),
  'plate.colour-mismatch': warn(
    (p) => `${p.kindZh}号牌通常不是${p.colourZh}`,
    (p) => `a ${p.kind} plate is not usually ${p.colour}`),
  'vin.length': err(
    (p) => `车辆识别代号应为17位，实为${p.length}位`,
    (p) => `a VIN has 17 characters, this has ${p.length}`),
  'vin.characters': err(
    (p) => `车辆识别代号含有不允许的字符：${p.bad}`,
    (p) => `the VIN holds characters not allowed: ${p.bad}`),
  'vin.check-digit': err(
    (p) => `车辆识别代号第9位校验位应为${p.expected}，实为${p.found}`,
    (p) => `VIN check digit (9th character) should be ${p.expected}, is ${p.found}`),
  'date.invalid': err(
    (p) => `${p.label}不是有效日期：${p.value}`,
    (p) => `${p.labelEn} is not a real date: ${p.value}`),
  'date.out-of-range': err(
    (p) => `${p.label}超出合理范围（${p.min} 至 ${p.max}）：${p.value}`,
    (p) => `${p.labelEn} is outside ${p.min} … ${p.max}: ${p.value}`),
  'fuel.unknown': err(
    (p) => `燃料种类代码“${p.value}”不在 GA 24.9 中`,
    (p) => `fuel code "${p.value}" is not in GA 24.9`),
  'use.unknown': err(
    (p) => `使用性质代码“${p.value}”不在 GA 24.3 中`,
    (p) => `use code "${p.value}" is not in GA 24.3`),
  'vehicle-type.unknown': err(
    (p) => `车辆类型代码“${p.value}”不是 GA 24.4 代码`,
    (p) => `vehicle type "${p.value}" is not a GA 24.4 code`),
  'stage.electric-must-be-d': err(
    (p) => `纯电动车辆的排放阶段应为D，实为${stageZh(p.stage!)}`,
    (p) => `an electric vehicle's stage is D, not ${p.stage}`),
  'stage.d-needs-electric': err(
    (p) => `排放阶段D仅用于纯电动（燃料C），燃料为${p.fuel}`,
    (p) => `stage D is for electric vehicles (fuel C); the fuel is ${p.fuel}`),
  'stage.below-registration-date': warn(
    (p) => `按注册日期至少应为${stageZh(p.bound!)}，` +
      `登记为${stageZh(p.stage!)}，请核对`,
    (p) => `the registration date proves at least stage ${p.bound}; ${p.stage} is recorded`),
  'stage.above-date-evidence': warn(
    (p) => `注册日期只能证明至少${stageZh(p.bound!)}，` +
      `登记为${stageZh(p.stage!)}需随车清单等凭证`,
    (p) => `a registration date proves only stage ${p.bound}; ${p.stage} needs better evidence`),
  'stage.manual-evidence': warn(
    () => '排放阶段为人工录入，无判定依据，需复核',
    () => 'the stage was entered without evidence; review it'),
  'stage.x-vehicle': err(
    () => '排放阶段X只用于非道路移动机械',
    () => 'stage X is for machinery only'),
  'documents.missing': warn(
    () => '行驶证与随车清单照片至少需上传一种',
    () => 'upload the driving licence or the environmental list'),
  'documents.nameplate-missing': warn(
    () => '缺少发动机铭牌照片',
    () => 'the engine nameplate photo is missing'),
  'documents.unknown': err(
    (p) => `照片 ${p.sha} 未上传`,
    (p) => `photo ${p.sha} was never uploaded`),
  'number.invalid': err(
    (p) => `${p.label}应为数字，实为“${p.value}”`,
    (p) => `${p.labelEn} must be a number, not "${p.value}"`),
  'value.invalid': err(
    (p) => `${p.label}的值“${p.value}”无效`,
    (p) => `${p.labelEn}: "${p.value}" is not valid`),
  'duplicate.file': err(
    (p) => `与第${p.row}行重复：${p.value}`,
    (p) => `repeats row ${p.row}: ${p.value}`),
  'duplicate.registry': err(
    (p) => `已在台账中登记：${p.value}`,
    (p) => `already in the ledger: ${p.value}`),
  'identity.changed': err(
    () => '号牌（或登记编码）不能修改，请另行登记',
    () => 'the plate or registration code cannot change; register the other one instead'),
  'log.quantity-required': err(
    () => '加油、加尿素记录须填写加注种类、数量和单位',
    () => 'a fuel or urea entry needs what was filled, the quantity and the unit'),
  'log.unit-mismatch': err(
    (p) => `${p.fill}不能以${p.unit}计量`,
    (p) => `${p.fill} is not measured in ${p.unit}`),
  'log.subject-unknown': err(
    () => '所选车辆或机械不在台账中',
    () => 'the vehicle or machine is not in the ledger'),
  'log.future': err(
    () => '加注时间不能晚于现在',
    () => 'the time cannot be in the future'),
  'validity.reversed': err(
    (p) => `备案有效期止（${p.to}）早于有效期起（${p.from}）`,
    (p) => `the registration is valid to ${p.to}, before it is valid from ${p.from}`),
  'blacklist.reason-required': err(
    () => '列入黑名单须写明原因（门岗放行时会看到）',
    () => 'a blacklisted vehicle needs a reason (the guard is shown it at the lane)'),
  'lanes.unknown': err(
    (p) => `授权通道不在本厂车道中：${p.lanes}`,
    (p) => `authorised lanes not among the site's lanes: ${p.lanes}`),
  'column.unknown': warn(
    (p) => `第${p.column}列“${p.header}”不是本台账的列，未导入`,
    (p) => `column ${p.column} "${p.header}" is not a column of this ledger and is left out`),
  'column.repeated': warn(
    (p) => `第${p.column}列“${p.header}”与第${p.first}列重复（都是“${p.label}”），` +
      `只导入第${p.first}列`,
    (p) => `column ${p.column} "${p.header}" repeats column ${p.first} (both ${p.labelEn}); ` +
      `only column ${p.first} is imported`),
  'obd.unknown-heavy-6': warn(
    () => '国六重型车应填写联网状态',
    () => 'record whether this China-VI heavy vehicle is online (OBD)'),
};

/** One issue in both languages; `params` fill the sentence. */
export function issue(code: string, field: string, params: Record<string, string> = {}):
FieldIssue {
  const def = ISSUES[code];
  if (!def) throw new Error(`no words for ledger issue ${code}`);
  return { field, code, severity: def.severity, zh: def.zh(params), en: def.en(params) };
}

export const hasErrors = (issues: readonly FieldIssue[]) =>
  issues.some((i) => i.severity === 'error');
