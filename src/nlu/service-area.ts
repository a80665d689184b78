/** A district of the utility's service area (the fictional demo city of Qinghe, 青禾市). */
export interface District {
  /** Stable code used in records and in the `district` entity's value. */
  code: string;
  zh: string;
  en: string;
  /**
   * Other ways customers write the name: short forms, pinyin without "District", and pinyin typed
   * syllable by syllable on a phone ("xi shan").
   */
  aliases: readonly string[];
}

export const SERVICE_CITY = { zh: '青禾市', en: 'Qinghe' } as const;

export const SERVICE_AREA: readonly District[] = [
  { code: 'QH-DH', zh: '东湖区', en: 'Donghu District', aliases: ['东湖', 'Donghu', 'Dong Hu'] },
  { code: 'QH-XS', zh: '西山区', en: 'Xishan District', aliases: ['西山', 'Xishan', 'Xi Shan'] },
  { code: 'QH-NG', zh: '南港区', en: 'Nangang District', aliases: ['南港', 'Nangang', 'Nan Gang'] },
  {
    code: 'QH-BC',
    zh: '北城区',
    en: 'Beicheng District',
    aliases: ['北城', 'Beicheng', 'Bei Cheng'],
  },
  {
    code: 'QH-GX',
    zh: '高新区',
    en: 'Gaoxin Hi-Tech Zone',
    aliases: ['高新', 'Gaoxin', 'Gao Xin', 'Hi-Tech Zone', 'Gaoxin District'],
  },
  {
    code: 'QH-LJ',
    zh: '临江新区',
    en: 'Linjiang New Area',
    aliases: ['临江', 'Linjiang', 'Lin Jiang', 'Linjiang District'],
  },
  { code: 'QH-LT', zh: '柳塘镇', en: 'Liutang Town', aliases: ['柳塘', 'Liutang', 'Liu Tang'] },
  { code: 'QH-SQ', zh: '石桥镇', en: 'Shiqiao Town', aliases: ['石桥', 'Shiqiao', 'Shi Qiao'] },
];

export function findDistrict(code: string): District | undefined {
  return SERVICE_AREA.find((d) => d.code === code);
}
