// The columns of each ledger in the regulation's order (domain.md §1.5.1–§1.5.4): the 2020
// guideline's tables first, then the fields today's platforms add. One list serves the export's
// header, the import's header matching and every field label in issues and samples.
import type { Label } from './checks/field-checks.ts';

export interface Column extends Label {
  key: string;
  /** The regulation requires it (an empty one is a warning, not a refusal). */
  required?: boolean;
}

const col = (key: string, zh: string, en: string, required = false): Column =>
  ({ key, zh, en, required });

export const VEHICLE_COLUMNS: readonly Column[] = [
  col('plate', '号牌号码', 'Plate', true),
  col('plateColor', '号牌颜色', 'Plate colour', true),
  col('registrationDate', '注册日期', 'Registration date', true),
  col('vin', '车辆识别代号', 'VIN', true),
  col('engineNo', '发动机号码', 'Engine number', true),
  col('emissionStage', '排放阶段', 'Emission stage', true),
  col('envList', '随车清单', 'Environmental list'),
  col('licence', '行驶证', 'Driving licence'),
  col('fleet', '车队名称', 'Fleet', true),
  col('vehicleType', '车辆类型', 'Vehicle type', true),
  col('brandModel', '品牌型号', 'Brand and model', true),
  col('fuel', '燃料种类', 'Fuel', true),
  col('useCharacter', '使用性质', 'Use', true),
  col('obdOnline', '联网状态', 'OBD online'),
  col('ratedLoadKg', '核定载质量(kg)', 'Rated load (kg)'),
  col('grossMassKg', '总质量(kg)', 'Gross mass (kg)'),
  col('owner', '所有人', 'Owner', true),
  col('licenceIssueDate', '发证日期', 'Licence issue date'),
  col('stageEvidenceKind', '排放判定依据种类', 'Stage evidence kind'),
  col('stageEvidence', '排放判定依据', 'Stage evidence'),
  col('exemptionClass', '豁免类别', 'Exemption class'),
  // The registry status (M3, migration 10) after the regulation's columns, never before them.
  col('authorisedLanes', '授权通道', 'Authorised lanes'),
  col('validFrom', '备案有效期起', 'Valid from'),
  col('validTo', '备案有效期止', 'Valid to'),
  col('blacklisted', '黑名单', 'Blacklisted'),
  col('blacklistReason', '黑名单原因', 'Blacklist reason'),
  col('auditStatus', '审核状态', 'Audit status'),
];

export const IN_PLANT_COLUMNS: readonly Column[] = [
  col('registrationCode', '登记编码或内部管理号牌', 'Registration code', true),
  col('registrationDate', '注册日期', 'Registration date', true),
  col('vin', '车辆识别代号', 'VIN', true),
  col('engineNo', '发动机号码', 'Engine number', true),
  col('emissionStage', '排放阶段', 'Emission stage', true),
  col('envList', '随车清单', 'Environmental list'),
  col('licence', '行驶证', 'Driving licence'),
  col('fuel', '燃料种类', 'Fuel', true),
  col('vehicleType', '车辆类型', 'Vehicle type', true),
  col('stageEvidenceKind', '排放判定依据种类', 'Stage evidence kind'),
  col('stageEvidence', '排放判定依据', 'Stage evidence'),
];

export const MACHINERY_COLUMNS: readonly Column[] = [
  col('envRegistrationCode', '登记编码', 'Registration code', true),
  col('productionDate', '生产日期', 'Production date', true),
  col('emissionStage', '排放阶段', 'Emission stage', true),
  col('machineCode', '机械代码', 'Machine code', true),
  col('engineNameplate', '发动机铭牌', 'Engine nameplate', true),
  col('machineType', '机械种类', 'Machine type', true),
  col('fuel', '燃料种类', 'Fuel', true),
  col('powerKw', '额定功率(kW)', 'Rated power (kW)'),
  col('pin', 'PIN码', 'PIN'),
  col('engineModel', '发动机型号', 'Engine model'),
  col('engineNo', '发动机编号', 'Engine number'),
  col('engineMaker', '发动机生产厂', 'Engine maker'),
  col('owner', '所属人', 'Owner'),
  col('stageEvidenceKind', '排放判定依据种类', 'Stage evidence kind'),
  col('stageEvidence', '排放判定依据', 'Stage evidence'),
];

export const LOG_COLUMNS: readonly Column[] = [
  col('id', '记录编号', 'Record no.', true),
  col('subjectKind', '对象类型', 'Subject kind', true),
  col('subjectCode', '对象编号', 'Subject', true),
  col('at', '加注时间', 'Time', true),
  col('kind', '记录类型', 'Log kind', true),
  col('fill', '加注类型', 'Filled', true),
  col('quantity', '加注量', 'Quantity', true),
  col('unit', '单位', 'Unit', true),
  col('supplier', '供应商', 'Supplier'),
  col('grade', '油品标号', 'Grade'),
  col('receipt', '票据/合格证照片', 'Receipt photo'),
  col('operator', '操作人', 'Operator', true),
  col('note', '维修保养内容', 'Maintenance note'),
];

export const VISIT_COLUMNS: readonly Column[] = [
  col('enteredAt', '进厂时间', 'Entered', true),
  col('exitedAt', '出厂时间', 'Exited', true),
  col('entryPhoto', '进厂照片', 'Entry photo', true),
  col('exitPhoto', '出厂照片', 'Exit photo', true),
  col('plate', '号牌号码', 'Plate', true),
  col('plateColor', '号牌颜色', 'Plate colour', true),
  col('registrationDate', '注册日期', 'Registration date', true),
  col('vin', '车辆识别代号', 'VIN', true),
  col('engineNo', '发动机号码', 'Engine number', true),
  col('emissionStage', '排放阶段', 'Emission stage', true),
  col('envList', '随车清单', 'Environmental list'),
  col('licence', '行驶证', 'Driving licence'),
  col('cargoName', '运输货物名称', 'Cargo', true),
  col('tonnage', '运输量(吨)', 'Quantity (t)', true),
  col('fleet', '车队名称', 'Fleet', true),
  col('entryHash', '进厂记录哈希', 'Entry record hash'),
  col('exitHash', '出厂记录哈希', 'Exit record hash'),
];

export const labelOf = (columns: readonly Column[], key: string): Label =>
  columns.find((c) => c.key === key) ?? { zh: key, en: key };
