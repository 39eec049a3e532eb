import { describe, expect, it } from 'vitest';
import {
  readColour, readDate, readStage, readYesNo, writeDate, writeLanes, writeTime,
} from './cells.ts';
import { readCsv } from '../import/read-sheet.ts';
import { columnLetter, headerKeys } from '../import/parse-row.ts';
import { VEHICLE_COLUMNS } from '../columns.ts';

describe('what people type in a carrier sheet', () => {
  it('reads stage words the way officers write them', () => {
    expect(['国五', '国V', '国5', '5', '国六b', '电动', '无', '国七'].map(readStage))
      .toEqual(['5', '5', '5', '5', '6', 'D', 'X', null]);
    // The Roman numeral signs a licence prints, and full-width letters.
    expect(['国Ⅵ', '国Ⅴ', '国Ⅳ', '国ＶＩ', '国Ⅵb'].map(readStage))
      .toEqual(['6', '5', '4', '6', '6']);
  });

  it('reads plate colours in Chinese or as our codes', () => {
    const typed = ['黄色', '黄', 'yellow', '渐变绿', '黄绿双拼色', '紫色', 'unknown'];
    expect(typed.map(readColour))
      .toEqual(['yellow', 'yellow', 'yellow', 'green', 'yellowGreen', null, null]);
  });

  it('reads dates in the 2020 table\'s form and the usual others', () => {
    expect(['20190520', '2019-5-20', '2019/05/20', '2019年5月20日', '5/20/2019'].map(readDate))
      .toEqual(['2019-05-20', '2019-05-20', '2019-05-20', '2019-05-20', '5/20/2019']);
    expect(readYesNo('是')).toBe(true);
    expect(readYesNo('在线吗')).toBe('bad');
  });

  it('writes dates as yyyyMMdd and times as yyyyMMdd HHmmss in Beijing time', () => {
    expect(writeDate('2019-05-20')).toBe('20190520');
    expect(writeTime(Date.UTC(2026, 10, 2, 16, 5, 9))).toBe('20261103 000509');
  });
});

describe('authorised lanes in a cell', () => {
  it('are written by the site\'s names, a lane it no longer has by its id', () => {
    const site = { lanes: [{ id: 'lane-1', name: '1号入口车道', nameEn: 'Entry lane 1' }] };
    expect(writeLanes(['lane-1', 'lane-9'], site)).toBe('1号入口车道、lane-9');
    expect(writeLanes([], site)).toBe('');
  });
});

describe('sheet plumbing', () => {
  it('parses CSV with a BOM, quoted commas, doubled quotes and line breaks', () => {
    const csv = '\ufeff号牌,备注\r\n豫A12345,"顺达, ""一队""\n夜班"\r\n';
    expect(readCsv(csv))
      .toEqual([['号牌', '备注'], ['豫A12345', '顺达, "一队"\n夜班']]);
  });

  it('names Excel columns and maps headers with a required star', () => {
    expect([0, 25, 26, 27].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB']);
    const header = ['*号牌号码', 'VIN', '车牌照片', '车队名称(必填)', ' 核定载质量（KG） ',
      '车牌号'];
    expect(headerKeys(VEHICLE_COLUMNS, header))
      .toEqual(['plate', 'vin', null, 'fleet', 'ratedLoadKg', null]);
  });
});
