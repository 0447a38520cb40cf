/**
 * Cue phrases for events, by language, in folded form (lower case; Arabic أ إ آ → ا, ة → ه, ى → ي).
 * Latin cues are stems unless marked whole words; Arabic cues take clitics and suffixes; Han and kana
 * cues match anywhere. Replace or extend this table to teach the event stage new wording.
 */
import type { ExportControlAction, Language } from './model.ts';
import type { Boundary, Phrase } from './phrase-index.ts';

export type Cue =
  | 'control'
  | 'ban'
  | 'export'
  | 'action:new'
  | 'action:tightened'
  | 'action:suspended'
  | 'action:lifted'
  | 'agreement'
  | 'sign'
  | 'project'
  | 'build'
  | 'finance'
  | 'price_floor'
  | 'offtake'
  | 'stockpile'
  | 'screening';

export const ACTION_OF: Readonly<Partial<Record<Cue, ExportControlAction>>> = {
  'action:new': 'new',
  'action:tightened': 'tightened',
  'action:suspended': 'suspended',
  'action:lifted': 'lifted',
};

const CUES: Readonly<Record<Cue, Readonly<Record<Language, readonly string[]>>>> = {
  control: {
    en: [
      'export control',
      'export-control',
      'export permit',
      'export licence',
      'export license',
      'restrict exports',
      'restricts exports',
      'restricting exports',
      'curbs',
      'export restriction',
      'export licen',
      'licensing requirement',
      'licence requirement',
      'license requirement',
      'controls on',
      'restrictions on',
      'export curbs',
      'curbs on',
      'dual-use export',
      'control list',
      'controls',
      'restrictions',
    ],
    ja: [
      '輸出規制',
      '輸出管理',
      '輸出許可',
      '輸出制限',
      '輸出禁止',
      '輸出を禁止',
      '輸出を制限',
      '輸出を規制',
      '許可制',
      '規制措置',
      '管理措置',
    ],
    zh: ['出口管制', '出口许可', '出口限制', '限制出口', '出口管控', '禁止出口', '管制措施', '出口禁令', '不予许可'],
    ar: [
      'قيود علي تصدير',
      'قيدت',
      'تقيد',
      'يقيد',
      'قيود علي الصادرات',
      'تقييد تصدير',
      'تقييد صادرات',
      'قيود علي صادرات',
      'ضوابط التصدير',
      'ضوابط علي تصدير',
      'رقابه علي الصادرات',
      'رقابه الصادرات',
      'قيود التصدير',
      'حظر تصدير',
      'قيود',
      'ضوابط',
      'ترخيص تصدير',
      'تراخيص تصدير',
    ],
  },
  ban: {
    en: [
      'export ban',
      'banned',
      'bans export',
      'ban on',
      'prohibit',
      'halt exports',
      'halts exports',
      'block exports',
      'blocks exports',
      'stop exports',
    ],
    ja: ['禁輸', '禁止'],
    zh: ['禁止', '原则上不予许可'],
    ar: ['حظر', 'يحظر', 'تحظر', 'وقف تصدير', 'منع تصدير', 'تمنع'],
  },
  export: {
    en: ['export'],
    ja: ['輸出'],
    zh: ['出口'],
    ar: ['تصدير', 'صادرات'],
  },
  'action:new': {
    en: [
      'impose',
      'introduc',
      'announce',
      'unveil',
      'require',
      'will need',
      'added',
      'adds',
      'imposing',
      'placed',
      'rolled out',
      'new control',
      'new export',
      'new restriction',
    ],
    ja: ['導入', '発表', '公表', '実施', '新たに', '加え', '追加', '課す', '発動'],
    zh: ['实施', '宣布', '公布', '发布', '决定对', '纳入', '新增', '加征'],
    ar: ['فرض', 'فرضت', 'تفرض', 'اعلن', 'اعلنت', 'اصدر', 'اصدرت', 'جديده', 'جديد', 'ادرج', 'اضاف', 'تطبيق'],
  },
  'action:tightened': {
    en: ['tighten', 'expand', 'broaden', 'extend the control', 'extends the control', 'stricter', 'widen'],
    ja: ['強化', '拡大', '厳格化'],
    zh: ['扩大', '加强', '收紧', '升级', '从严'],
    ar: ['تشديد', 'شددت', 'توسيع', 'وسعت', 'توسع'],
  },
  'action:suspended': {
    en: ['suspend', 'pause', 'put on hold', 'postpone', 'halt the implementation', 'deferred', 'delay implementation'],
    ja: ['停止', '一時停止', '延期', '見合わせ', '停止する'],
    zh: ['暂停', '暂缓', '停止实施', '停止执行', '推迟'],
    ar: ['تعليق', 'علقت', 'يعلق', 'تعلق', 'وقف تنفيذ', 'تاجيل', 'ارجاء', 'جمدت', 'تجميد'],
  },
  'action:lifted': {
    en: ['lift', 'revoke', 'rescind', 'remove the control', 'removed the control', 'repeal', 'scrap'],
    ja: ['解除', '撤廃', '廃止', '取り消'],
    zh: ['取消', '解除', '撤销', '废止'],
    ar: ['رفع', 'رفعت', 'الغاء', 'الغت', 'الغي'],
  },
  agreement: {
    en: ['agreement', 'framework', 'memorandum', 'mou', 'accord', 'pact', 'joint statement', 'compact', 'partnership'],
    ja: ['協定', '枠組み', '枠組', 'フレームワーク', '覚書', '合意', '協力文書', '共同声明'],
    zh: ['协议', '框架', '谅解备忘录', '协定', '备忘录', '联合声明'],
    ar: ['اتفاق', 'اتفاقيه', 'اطار', 'مذكره تفاهم', 'اعلان مشترك', 'شراكه'],
  },
  sign: {
    en: ['sign', 'inked', 'conclude', 'agreed', 'struck'],
    ja: ['署名', '調印', '締結', '結ん', '交わし'],
    zh: ['签署', '签订', '达成', '缔结'],
    ar: ['وقع', 'وقعت', 'توقيع', 'يوقع', 'ابرم', 'ابرام'],
  },
  project: {
    en: [
      'project',
      'plant',
      'refinery',
      'facility',
      'mine ',
      'mine,',
      'mine.',
      'processing hub',
      'separation',
      'factory',
      'smelter',
      'production line',
    ],
    ja: ['プロジェクト', '工場', '鉱山', '精錬', '精製', '分離', '事業', '拠点', '生産'],
    zh: ['项目', '工厂', '冶炼厂', '矿山', '分离厂', '生产线', '基地', '产能'],
    ar: ['مشروع', 'مصنع', 'منجم', 'مصفاه', 'منشاه', 'معالجه', 'فصل'],
  },
  build: {
    en: ['build', 'construct', 'expand capacity', 'develop', 'commission', 'ramp up', 'open a', 'break ground'],
    ja: ['建設', '整備', '開発', '新設', '増強'],
    zh: ['建设', '新建', '扩建', '投产', '开发'],
    ar: ['بناء', 'انشاء', 'تطوير', 'توسعه'],
  },
  finance: {
    en: [
      'loan',
      'financ',
      'invest',
      'equity',
      'grant',
      'funding',
      'fund ',
      'backing',
      'debt',
      'preferred stock',
      'stake in',
    ],
    ja: ['融資', '出資', '投資', '資金', '支援', '株を取得', '優先株', '株式取得', '筆頭株主'],
    zh: ['融资', '贷款', '投资', '注资', '入股', '资金', '优先股', '股权', '持股'],
    ar: ['تمويل', 'قرض', 'استثمار', 'حصه', 'يمول', 'مول', 'ضخ', 'ضخت', 'استحوذ'],
  },
  price_floor: {
    en: ['price floor', 'floor price', 'minimum price', 'guaranteed price', 'price guarantee'],
    ja: ['価格下限', '下限価格', '最低価格', '最低買取価格', '価格保証'],
    zh: ['价格下限', '最低价格', '保底价', '底价', '价格保障'],
    ar: ['حد ادني للسعر', 'الحد الادني للسعر', 'الحد الادني لسعر', 'حد ادني لسعر', 'سعر ادني', 'سعر مضمون'],
  },
  offtake: {
    en: [
      'offtake',
      'off-take',
      'purchase commitment',
      'buy 100%',
      'buy all',
      'purchase all',
      'deal to buy',
      'agreement to buy',
      'agreed to buy',
      'commitment to buy',
      'committed to buying',
      'supply agreement',
      'supply deal',
      'purchase agreement',
      'long-term supply',
    ],
    ja: ['オフテイク', '引き取り', '全量購入', '全量を購入', '買い取', '購入契約', '長期購入', '調達契約', '供給契約'],
    zh: ['包销', '承购', '全部购买', '采购协议', '长期供应协议', '供货协议', '承诺购买', '购买协议'],
    ar: [
      'شراء كامل',
      'شراء جميع',
      'شراء كل',
      'اتفاق شراء',
      'اتفاقيه شراء',
      'الشراء',
      'اتفاق توريد',
      'عقد توريد',
      'صفقه لشراء',
      'صفقه شراء',
    ],
  },
  stockpile: {
    en: ['stockpil', 'strategic reserve', 'national defense stockpile', 'reserves of'],
    ja: ['備蓄'],
    zh: ['储备', '收储'],
    ar: ['مخزون', 'تخزين', 'احتياطي استراتيجي', 'احتياطيات'],
  },
  screening: {
    en: [
      'investment screening',
      'cfius',
      'foreign investment review',
      'firb',
      'screening of foreign',
      'review of foreign investment',
      'foreign investment rules',
      'screen foreign',
    ],
    ja: ['外為法', '対内直接投資', '投資審査', '事前届出'],
    zh: ['安全审查', '外商投资审查', '投资审查'],
    ar: ['فحص الاستثمار', 'مراجعه الاستثمار', 'تدقيق الاستثمار', 'الاستثمارات الاجنبيه'],
  },
};

const WHOLE_WORDS = new Set([
  'mou',
  'pact',
  'cfius',
  'firb',
  'lift',
  'pause',
  'grant',
  'debt',
  'controls',
  'restrictions',
]);

function boundaryOf(lang: Language, phrase: string): Boundary {
  if (lang === 'ar') return 'arabic-stem';
  if (lang === 'en') return WHOLE_WORDS.has(phrase) ? 'word' : 'stem';
  return 'none';
}

export interface CueHit {
  readonly cue: Cue;
  readonly lang: Language;
}

/** Every cue as a phrase for the phrase index. */
export function cuePhrases(): Phrase<CueHit>[] {
  const out: Phrase<CueHit>[] = [];
  for (const [cue, byLang] of Object.entries(CUES) as [Cue, Record<Language, readonly string[]>][])
    for (const [lang, list] of Object.entries(byLang) as [Language, readonly string[]][])
      for (const phrase of list) out.push({ phrase, boundary: boundaryOf(lang, phrase), payload: { cue, lang } });
  return out;
}
