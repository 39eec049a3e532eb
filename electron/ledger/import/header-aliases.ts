// Other names carriers' sheets give our columns. A fleet's Excel is rarely made from our export:
// it says 车牌号 for 号牌号码 and 车架号 for 车辆识别代号, the words on a driving licence or in
// a transport company's own system. A header that is one of these is read as that column; a
// header that is none is reported and its column left out, never guessed.
import type { Column } from '../columns.ts';

/** Per column key, the names it also goes by (never another column's name in one ledger). */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  plate: ['车牌号', '车牌号码', '车牌', '号牌'],
  plateColor: ['车牌颜色', '号牌颜色代码'],
  vin: ['车架号', 'VIN码', '车辆识别号', '车辆识别代码'],
  engineNo: ['发动机号', '发动机号码', '发动机编号'],
  emissionStage: ['排放标准', '排放等级'],
  registrationDate: ['注册登记日期', '初次登记日期', '登记日期'],
  fuel: ['燃料类型', '燃油类型'],
  owner: ['车辆所有人', '所有人', '所属人', '所属单位'],
  fleet: ['车队', '所属车队', '运输公司'],
  brandModel: ['厂牌型号'],
  vehicleType: ['车型', '车辆类型代码'],
  ratedLoadKg: ['核定载质量', '核定载重', '核定载质量(千克)',
    '核定载质量(kg)'],
  grossMassKg: ['总质量', '总质量(千克)'],
  powerKw: ['额定功率', '功率', '功率(kW)'],
  registrationCode: ['内部管理号牌', '厂内编号'],
  envRegistrationCode: ['环保登记编码', '环保登记号'],
  productionDate: ['出厂日期'],
  machineType: ['机械类型'],
};

/** The names a column answers to: its own two, then its aliases. */
export function namesOf(column: Column): string[] {
  return [column.zh, column.en, column.key, ...(ALIASES[column.key] ?? [])];
}

/** A header as people write it: `*` for required, （必填）, full-width brackets, spaces. */
export function cleanHeader(header: string): string {
  return header.replace(/^\*/, '').replace(/[（(]必填[)）]$/, '')
    .replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '').toLowerCase();
}
