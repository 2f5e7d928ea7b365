// Words of the country brief's PDF in every language of the app. The printable page has its own
// (web/src/i18n, namespace "brief"); keep the two in step.
import type { BriefLanguage } from './schema.js';

export interface BriefWords {
  title: string;
  made: string;
  region: Record<string, string>;
  noData: string;
  notEnough: string;
  notCovered: string;
  notLoaded: string;
  synthetic: string;
  syntheticNote: string;
  source: string;
  sources: string;
  fealacMedian: string;
  fealacAverage: string;
  rankOf: string;
  year: string;
  section: { indicators: string; marketplaces: string; regulation: string; facilitation: string; support: string; contacts: string; tariffs: string };
  readiness: string;
  readinessNote: string;
  indicator: string;
  value: string;
  chartIndicators: string;
  chartPillars: string;
  economy: string;
  topLists: string;
  cloudflareRank: string;
  cruxBucket: string;
  registry: string;
  traffic: string;
  visits: string;
  noTraffic: string;
  pillars: string;
  coverage: string;
  gate: string;
  stri: string;
  tfScore: string;
  round: string;
  secondary: string;
  programmes: string;
  byArea: string;
  contactsMissing: string;
  schedules: string;
  lines: string;
  officialLinks: string;
  unavailable: string;
  footer: string;
  indicatorNames: Record<string, string>;
  pillarNames: Record<number, string>;
  areas: Record<string, string>;
  roles: Record<string, string>;
}

const en: BriefWords = {
  title: 'Country brief',
  made: 'Made with Puente on {{date}}',
  region: { 'East Asia': 'East Asia', 'Latin America': 'Latin America' },
  noData: 'no data',
  notEnough: 'not enough data',
  notCovered: 'not covered',
  notLoaded: 'not loaded on this server',
  synthetic: 'SYNTHETIC',
  syntheticNote: 'SYNTHETIC data: demonstration figures, not observations. Do not cite.',
  source: 'Source',
  sources: 'Sources',
  fealacMedian: 'FEALAC median',
  fealacAverage: 'FEALAC average',
  rankOf: 'rank {{rank}} of {{n}}',
  year: 'year',
  section: { indicators: 'Indicators and readiness', marketplaces: 'Marketplaces', regulation: 'Regulation', facilitation: 'Trade facilitation', support: 'Support measures', contacts: 'Contacts', tariffs: 'Tariffs' },
  readiness: 'Puente readiness index (0-100)',
  readinessNote: 'Mean of five open indicators normalised across the 36 economies; not the UNCTAD index.',
  indicator: 'Indicator',
  value: 'Value',
  chartIndicators: '{{name}} and the FEALAC median (latest year, % of the larger value)',
  chartPillars: 'RDTII pillar scores (0 open .. 1 restrictive)',
  economy: 'Economy',
  topLists: 'E-commerce sites in the open popularity lists',
  cloudflareRank: 'Cloudflare Radar rank',
  cruxBucket: 'Chrome UX Report: top {{bucket}}',
  registry: 'Marketplaces in the registry serving the economy: {{n}}',
  traffic: 'Partner traffic (visits)',
  visits: 'visits',
  noTraffic: 'Partner traffic: not imported (only open popularity lists are shown).',
  pillars: 'RDTII pillars (ESCAP Regional Digital Trade Integration Index)',
  coverage: 'coverage',
  gate: 'scores need at least {{gate}}% coverage',
  stri: 'OECD Digital STRI (0 open .. 1 closed)',
  tfScore: 'UN Global Survey on Digital and Sustainable Trade Facilitation: overall score',
  round: 'round',
  secondary: 'quoted by a secondary source',
  programmes: 'Programmes recorded: {{n}}',
  byArea: 'By policy area',
  contactsMissing: 'Not in the directory',
  schedules: 'Tariff schedules held',
  lines: 'lines',
  officialLinks: 'Official tariff sources',
  unavailable: 'Could not be read on this server',
  footer: 'Values as their sources give them, with their year. Missing data is shown as "no data", never as zero.',
  indicatorNames: { 'IT.NET.USER.ZS': 'Internet users (% of population)', 'FINDEX.account_t_d': 'Account ownership (% age 15+)', 'FINDEX.fin26b': 'Bought something online (% age 15+)', 'IT.NET.SECR.P6': 'Secure Internet servers (per million people)', 'LP.LPI.OVRL.XQ': 'Logistics performance index (1-5)', 'NY.GDP.PCAP.CD': 'GDP per capita (current US$)' },
  pillarNames: { 1: 'Tariffs and trade defence', 2: 'Public procurement', 3: 'Foreign direct investment', 4: 'Intellectual property rights', 5: 'Telecom regulation and competition', 6: 'Cross-border data policies', 7: 'Domestic data protection and privacy', 8: 'Internet intermediary liability', 9: 'Content access', 10: 'Non-technical NTMs', 11: 'Standards and procedures', 12: 'Online sales and transactions' },
  areas: { assessment_strategy: 'E-commerce readiness assessment and strategy', ict_infrastructure: 'ICT infrastructure and services', trade_logistics: 'Trade logistics and trade facilitation', payments: 'Payment solutions', legal_regulatory: 'Legal and regulatory frameworks', skills: 'E-commerce skills development', finance: 'Access to financing' },
  roles: { export_promotion: 'Export promotion', customs: 'Customs', sme_agency: 'SME agency', postal_operator: 'Postal operator' },
};

const es: BriefWords = {
  title: 'Ficha de país',
  made: 'Elaborada con Puente el {{date}}',
  region: { 'East Asia': 'Asia del Este', 'Latin America': 'América Latina' },
  noData: 'sin datos',
  notEnough: 'datos insuficientes',
  notCovered: 'no cubierta',
  notLoaded: 'no cargado en este servidor',
  synthetic: 'SINTÉTICO',
  syntheticNote: 'Datos SINTÉTICOS: cifras de demostración, no observaciones. No citar.',
  source: 'Fuente',
  sources: 'Fuentes',
  fealacMedian: 'mediana FOCALAE',
  fealacAverage: 'promedio FOCALAE',
  rankOf: 'puesto {{rank}} de {{n}}',
  year: 'año',
  section: { indicators: 'Indicadores y preparación', marketplaces: 'Marketplaces', regulation: 'Regulación', facilitation: 'Facilitación del comercio', support: 'Medidas de apoyo', contacts: 'Contactos', tariffs: 'Aranceles' },
  readiness: 'Índice de preparación de Puente (0-100)',
  readinessNote: 'Media de cinco indicadores abiertos normalizados entre las 36 economías; no es el índice de la UNCTAD.',
  indicator: 'Indicador',
  value: 'Valor',
  chartIndicators: '{{name}} y la mediana FOCALAE (último año, % del valor mayor)',
  chartPillars: 'Puntajes de los pilares del RDTII (0 abierto .. 1 restrictivo)',
  economy: 'Economía',
  topLists: 'Sitios de comercio electrónico en las listas abiertas de popularidad',
  cloudflareRank: 'puesto en Cloudflare Radar',
  cruxBucket: 'Chrome UX Report: top {{bucket}}',
  registry: 'Marketplaces del registro que atienden a la economía: {{n}}',
  traffic: 'Tráfico de socios (visitas)',
  visits: 'visitas',
  noTraffic: 'Tráfico de socios: no importado (solo se muestran las listas abiertas de popularidad).',
  pillars: 'Pilares del RDTII (Índice Regional de Integración del Comercio Digital de la CESPAP)',
  coverage: 'cobertura',
  gate: 'los puntajes requieren al menos {{gate}} % de cobertura',
  stri: 'STRI digital de la OCDE (0 abierto .. 1 cerrado)',
  tfScore: 'Encuesta Mundial de la ONU sobre Facilitación del Comercio Digital y Sostenible: puntaje general',
  round: 'ronda',
  secondary: 'citado por una fuente secundaria',
  programmes: 'Programas registrados: {{n}}',
  byArea: 'Por área de política',
  contactsMissing: 'No están en el directorio',
  schedules: 'Aranceles cargados',
  lines: 'líneas',
  officialLinks: 'Fuentes oficiales de aranceles',
  unavailable: 'No se pudo leer en este servidor',
  footer: 'Valores tal como los dan sus fuentes, con su año. Los datos faltantes se muestran como "sin datos", nunca como cero.',
  indicatorNames: { 'IT.NET.USER.ZS': 'Usuarios de Internet (% de la población)', 'FINDEX.account_t_d': 'Titularidad de una cuenta (% de 15 años o más)', 'FINDEX.fin26b': 'Compró algo en línea (% de 15 años o más)', 'IT.NET.SECR.P6': 'Servidores de Internet seguros (por millón de personas)', 'LP.LPI.OVRL.XQ': 'Índice de desempeño logístico (1-5)', 'NY.GDP.PCAP.CD': 'PIB per cápita (US$ a precios actuales)' },
  pillarNames: { 1: 'Aranceles y defensa comercial', 2: 'Contratación pública', 3: 'Inversión extranjera directa', 4: 'Derechos de propiedad intelectual', 5: 'Regulación de telecomunicaciones y competencia', 6: 'Políticas de datos transfronterizos', 7: 'Protección de datos y privacidad', 8: 'Responsabilidad de intermediarios de Internet', 9: 'Acceso a contenidos', 10: 'Medidas no arancelarias no técnicas', 11: 'Normas y procedimientos', 12: 'Ventas y transacciones en línea' },
  areas: { assessment_strategy: 'Evaluación y estrategia de comercio electrónico', ict_infrastructure: 'Infraestructura y servicios TIC', trade_logistics: 'Logística y facilitación del comercio', payments: 'Soluciones de pago', legal_regulatory: 'Marco legal y regulatorio', skills: 'Desarrollo de capacidades en comercio electrónico', finance: 'Acceso a financiamiento' },
  roles: { export_promotion: 'Promoción de exportaciones', customs: 'Aduanas', sme_agency: 'Agencia de pymes', postal_operator: 'Operador postal' },
};

const pt: BriefWords = {
  title: 'Perfil do país',
  made: 'Elaborado com o Puente em {{date}}',
  region: { 'East Asia': 'Ásia Oriental', 'Latin America': 'América Latina' },
  noData: 'sem dados',
  notEnough: 'dados insuficientes',
  notCovered: 'não coberta',
  notLoaded: 'não carregado neste servidor',
  synthetic: 'SINTÉTICO',
  syntheticNote: 'Dados SINTÉTICOS: números de demonstração, não observações. Não citar.',
  source: 'Fonte',
  sources: 'Fontes',
  fealacMedian: 'mediana FOCALAL',
  fealacAverage: 'média FOCALAL',
  rankOf: 'posição {{rank}} de {{n}}',
  year: 'ano',
  section: { indicators: 'Indicadores e prontidão', marketplaces: 'Marketplaces', regulation: 'Regulação', facilitation: 'Facilitação do comércio', support: 'Medidas de apoio', contacts: 'Contatos', tariffs: 'Tarifas' },
  readiness: 'Índice de prontidão do Puente (0-100)',
  readinessNote: 'Média de cinco indicadores abertos normalizados entre as 36 economias; não é o índice da UNCTAD.',
  indicator: 'Indicador',
  value: 'Valor',
  chartIndicators: '{{name}} e a mediana FOCALAL (último ano, % do maior valor)',
  chartPillars: 'Pontuações dos pilares do RDTII (0 aberto .. 1 restritivo)',
  economy: 'Economia',
  topLists: 'Sites de comércio eletrônico nas listas abertas de popularidade',
  cloudflareRank: 'posição no Cloudflare Radar',
  cruxBucket: 'Chrome UX Report: top {{bucket}}',
  registry: 'Marketplaces do registro que atendem a economia: {{n}}',
  traffic: 'Tráfego de parceiros (visitas)',
  visits: 'visitas',
  noTraffic: 'Tráfego de parceiros: não importado (só as listas abertas de popularidade são mostradas).',
  pillars: 'Pilares do RDTII (Índice Regional de Integração do Comércio Digital da CESAP)',
  coverage: 'cobertura',
  gate: 'as pontuações exigem pelo menos {{gate}}% de cobertura',
  stri: 'STRI digital da OCDE (0 aberto .. 1 fechado)',
  tfScore: 'Pesquisa Global da ONU sobre Facilitação do Comércio Digital e Sustentável: pontuação geral',
  round: 'rodada',
  secondary: 'citado por uma fonte secundária',
  programmes: 'Programas registrados: {{n}}',
  byArea: 'Por área de política',
  contactsMissing: 'Não estão no diretório',
  schedules: 'Tabelas tarifárias carregadas',
  lines: 'linhas',
  officialLinks: 'Fontes oficiais de tarifas',
  unavailable: 'Não foi possível ler neste servidor',
  footer: 'Valores como suas fontes os dão, com o ano. Dados ausentes aparecem como "sem dados", nunca como zero.',
  indicatorNames: { 'IT.NET.USER.ZS': 'Usuários de Internet (% da população)', 'FINDEX.account_t_d': 'Titularidade de conta (% 15 anos ou mais)', 'FINDEX.fin26b': 'Comprou algo on-line (% 15 anos ou mais)', 'IT.NET.SECR.P6': 'Servidores de Internet seguros (por milhão de pessoas)', 'LP.LPI.OVRL.XQ': 'Índice de desempenho logístico (1-5)', 'NY.GDP.PCAP.CD': 'PIB per capita (US$ correntes)' },
  pillarNames: { 1: 'Tarifas e defesa comercial', 2: 'Compras públicas', 3: 'Investimento estrangeiro direto', 4: 'Direitos de propriedade intelectual', 5: 'Regulação de telecomunicações e concorrência', 6: 'Políticas de dados transfronteiriços', 7: 'Proteção de dados e privacidade', 8: 'Responsabilidade de intermediários de Internet', 9: 'Acesso a conteúdos', 10: 'Medidas não tarifárias não técnicas', 11: 'Normas e procedimentos', 12: 'Vendas e transações on-line' },
  areas: { assessment_strategy: 'Avaliação e estratégia de comércio eletrônico', ict_infrastructure: 'Infraestrutura e serviços de TIC', trade_logistics: 'Logística e facilitação do comércio', payments: 'Soluções de pagamento', legal_regulatory: 'Marco legal e regulatório', skills: 'Desenvolvimento de competências em comércio eletrônico', finance: 'Acesso a financiamento' },
  roles: { export_promotion: 'Promoção de exportações', customs: 'Alfândega', sme_agency: 'Agência de PMEs', postal_operator: 'Operador postal' },
};

const zh: BriefWords = {
  title: '国家简报',
  made: '由 Puente 于 {{date}} 生成',
  region: { 'East Asia': '东亚', 'Latin America': '拉丁美洲' },
  noData: '无数据',
  notEnough: '数据不足',
  notCovered: '未覆盖',
  notLoaded: '本服务器未加载',
  synthetic: '合成数据',
  syntheticNote: '合成数据：演示用数字，并非观测值。请勿引用。',
  source: '来源',
  sources: '来源',
  fealacMedian: 'FEALAC 中位数',
  fealacAverage: 'FEALAC 平均值',
  rankOf: '第 {{rank}} 名（共 {{n}} 个）',
  year: '年份',
  section: { indicators: '指标与准备度', marketplaces: '电商平台', regulation: '监管', facilitation: '贸易便利化', support: '支持措施', contacts: '联系机构', tariffs: '关税' },
  readiness: 'Puente 准备度指数（0-100）',
  readinessNote: '五项开放指标在 36 个经济体间归一化后的平均值；并非贸发会议指数。',
  indicator: '指标',
  value: '数值',
  chartIndicators: '{{name}} 与 FEALAC 中位数（最近年份，占较大值的 %）',
  chartPillars: 'RDTII 支柱得分（0 开放 .. 1 限制）',
  economy: '经济体',
  topLists: '开放流行度榜单中的电商网站',
  cloudflareRank: 'Cloudflare Radar 排名',
  cruxBucket: 'Chrome UX Report：前 {{bucket}}',
  registry: '登记册中服务该经济体的电商平台：{{n}}',
  traffic: '合作方流量（访问量）',
  visits: '次访问',
  noTraffic: '合作方流量：未导入（仅显示开放流行度榜单）。',
  pillars: 'RDTII 支柱（亚太经社会区域数字贸易一体化指数）',
  coverage: '覆盖率',
  gate: '得分需要至少 {{gate}}% 的覆盖率',
  stri: '经合组织数字服务贸易限制指数（0 开放 .. 1 封闭）',
  tfScore: '联合国数字与可持续贸易便利化全球调查：总分',
  round: '轮次',
  secondary: '引自二手来源',
  programmes: '已记录的项目：{{n}}',
  byArea: '按政策领域',
  contactsMissing: '目录中没有',
  schedules: '已载入的关税表',
  lines: '行',
  officialLinks: '官方关税来源',
  unavailable: '本服务器无法读取',
  footer: '数值按来源提供，并注明年份。缺失数据显示为"无数据"，绝不显示为零。',
  indicatorNames: { 'IT.NET.USER.ZS': '互联网用户（占人口 %）', 'FINDEX.account_t_d': '账户拥有率（15 岁以上 %）', 'FINDEX.fin26b': '网上购物（15 岁以上 %）', 'IT.NET.SECR.P6': '安全互联网服务器（每百万人）', 'LP.LPI.OVRL.XQ': '物流绩效指数（1-5）', 'NY.GDP.PCAP.CD': '人均 GDP（现价美元）' },
  pillarNames: { 1: '关税与贸易救济', 2: '政府采购', 3: '外国直接投资', 4: '知识产权', 5: '电信监管与竞争', 6: '跨境数据政策', 7: '国内数据保护与隐私', 8: '互联网中介责任', 9: '内容访问', 10: '非技术性非关税措施', 11: '标准与程序', 12: '在线销售与交易' },
  areas: { assessment_strategy: '电子商务准备度评估与战略', ict_infrastructure: '信息通信技术基础设施与服务', trade_logistics: '贸易物流与贸易便利化', payments: '支付解决方案', legal_regulatory: '法律与监管框架', skills: '电子商务技能发展', finance: '融资渠道' },
  roles: { export_promotion: '出口促进机构', customs: '海关', sme_agency: '中小企业机构', postal_operator: '邮政运营商' },
};

const ja: BriefWords = {
  title: '国別概要',
  made: 'Puente により {{date}} に作成',
  region: { 'East Asia': '東アジア', 'Latin America': 'ラテンアメリカ' },
  noData: 'データなし',
  notEnough: 'データ不足',
  notCovered: '対象外',
  notLoaded: 'このサーバーには未読み込み',
  synthetic: '合成データ',
  syntheticNote: '合成データ：デモ用の数値であり観測値ではありません。引用しないでください。',
  source: '出典',
  sources: '出典',
  fealacMedian: 'FEALAC 中央値',
  fealacAverage: 'FEALAC 平均',
  rankOf: '{{n}} か国中 {{rank}} 位',
  year: '年',
  section: { indicators: '指標と準備度', marketplaces: 'マーケットプレイス', regulation: '規制', facilitation: '貿易円滑化', support: '支援策', contacts: '連絡先', tariffs: '関税' },
  readiness: 'Puente 準備度指数（0-100）',
  readinessNote: '36 経済で正規化した 5 つのオープン指標の平均。UNCTAD の指数ではありません。',
  indicator: '指標',
  value: '値',
  chartIndicators: '{{name}} と FEALAC 中央値（最新年、大きい方の値に対する %）',
  chartPillars: 'RDTII の柱のスコア（0 開放 .. 1 制限的）',
  economy: '経済',
  topLists: 'オープンな人気ランキングに載る EC サイト',
  cloudflareRank: 'Cloudflare Radar 順位',
  cruxBucket: 'Chrome UX Report：上位 {{bucket}}',
  registry: 'この経済にサービスを提供する登録マーケットプレイス：{{n}}',
  traffic: 'パートナーのトラフィック（訪問数）',
  visits: '訪問',
  noTraffic: 'パートナーのトラフィック：未取込（オープンな人気ランキングのみ表示）。',
  pillars: 'RDTII の柱（ESCAP 地域デジタル貿易統合指数）',
  coverage: 'カバー率',
  gate: 'スコアには {{gate}}% 以上のカバー率が必要',
  stri: 'OECD デジタル STRI（0 開放 .. 1 閉鎖）',
  tfScore: '国連デジタル・持続可能な貿易円滑化グローバル調査：総合スコア',
  round: '回',
  secondary: '二次資料による引用',
  programmes: '記録されたプログラム：{{n}}',
  byArea: '政策分野別',
  contactsMissing: 'ディレクトリに未登録',
  schedules: '読み込まれた関税表',
  lines: '行',
  officialLinks: '公式の関税情報源',
  unavailable: 'このサーバーでは読み取れません',
  footer: '値は出典どおりに年とともに示します。欠損データは「データなし」と表示し、ゼロとはしません。',
  indicatorNames: { 'IT.NET.USER.ZS': 'インターネット利用者（人口比 %）', 'FINDEX.account_t_d': '口座保有率（15 歳以上 %）', 'FINDEX.fin26b': 'オンラインで購入（15 歳以上 %）', 'IT.NET.SECR.P6': 'セキュアなインターネットサーバー（100 万人当たり）', 'LP.LPI.OVRL.XQ': '物流パフォーマンス指数（1-5）', 'NY.GDP.PCAP.CD': '一人当たり GDP（現在米ドル）' },
  pillarNames: { 1: '関税と貿易救済', 2: '政府調達', 3: '外国直接投資', 4: '知的財産権', 5: '電気通信規制と競争', 6: '越境データ政策', 7: '国内データ保護とプライバシー', 8: 'インターネット仲介者責任', 9: 'コンテンツへのアクセス', 10: '非技術的非関税措置', 11: '基準と手続き', 12: 'オンライン販売と取引' },
  areas: { assessment_strategy: 'EC 準備度評価と戦略', ict_infrastructure: 'ICT インフラとサービス', trade_logistics: '貿易物流と貿易円滑化', payments: '決済手段', legal_regulatory: '法規制の枠組み', skills: 'EC スキル開発', finance: '資金へのアクセス' },
  roles: { export_promotion: '輸出振興機関', customs: '税関', sme_agency: '中小企業機関', postal_operator: '郵便事業者' },
};

const ko: BriefWords = {
  title: '국가 브리프',
  made: 'Puente로 {{date}}에 작성',
  region: { 'East Asia': '동아시아', 'Latin America': '라틴아메리카' },
  noData: '데이터 없음',
  notEnough: '데이터 부족',
  notCovered: '대상 아님',
  notLoaded: '이 서버에 불러오지 않음',
  synthetic: '합성 데이터',
  syntheticNote: '합성 데이터: 시연용 수치이며 관측값이 아닙니다. 인용하지 마십시오.',
  source: '출처',
  sources: '출처',
  fealacMedian: 'FEALAC 중앙값',
  fealacAverage: 'FEALAC 평균',
  rankOf: '{{n}}개 중 {{rank}}위',
  year: '연도',
  section: { indicators: '지표와 준비도', marketplaces: '마켓플레이스', regulation: '규제', facilitation: '무역 원활화', support: '지원 조치', contacts: '연락처', tariffs: '관세' },
  readiness: 'Puente 준비도 지수(0-100)',
  readinessNote: '36개 경제에서 정규화한 5개 공개 지표의 평균이며 UNCTAD 지수가 아닙니다.',
  indicator: '지표',
  value: '값',
  chartIndicators: '{{name}}와 FEALAC 중앙값(최근 연도, 큰 값 대비 %)',
  chartPillars: 'RDTII 기둥 점수(0 개방 .. 1 제한적)',
  economy: '경제',
  topLists: '공개 인기 목록에 있는 전자상거래 사이트',
  cloudflareRank: 'Cloudflare Radar 순위',
  cruxBucket: 'Chrome UX Report: 상위 {{bucket}}',
  registry: '이 경제에 서비스하는 등록 마켓플레이스: {{n}}',
  traffic: '파트너 트래픽(방문 수)',
  visits: '방문',
  noTraffic: '파트너 트래픽: 가져오지 않음(공개 인기 목록만 표시).',
  pillars: 'RDTII 기둥(ESCAP 지역 디지털 무역 통합 지수)',
  coverage: '적용 범위',
  gate: '점수에는 최소 {{gate}}% 적용 범위가 필요',
  stri: 'OECD 디지털 STRI(0 개방 .. 1 폐쇄)',
  tfScore: 'UN 디지털·지속가능 무역 원활화 글로벌 조사: 종합 점수',
  round: '회차',
  secondary: '2차 출처 인용',
  programmes: '기록된 프로그램: {{n}}',
  byArea: '정책 분야별',
  contactsMissing: '디렉터리에 없음',
  schedules: '불러온 관세표',
  lines: '행',
  officialLinks: '공식 관세 출처',
  unavailable: '이 서버에서 읽을 수 없음',
  footer: '값은 출처가 제공한 그대로 연도와 함께 표시합니다. 누락된 데이터는 "데이터 없음"으로 표시하며 0으로 표시하지 않습니다.',
  indicatorNames: { 'IT.NET.USER.ZS': '인터넷 이용자(인구 대비 %)', 'FINDEX.account_t_d': '계좌 보유율(15세 이상 %)', 'FINDEX.fin26b': '온라인 구매(15세 이상 %)', 'IT.NET.SECR.P6': '보안 인터넷 서버(인구 100만 명당)', 'LP.LPI.OVRL.XQ': '물류성과지수(1-5)', 'NY.GDP.PCAP.CD': '1인당 GDP(현재 미국 달러)' },
  pillarNames: { 1: '관세와 무역구제', 2: '정부 조달', 3: '외국인 직접투자', 4: '지식재산권', 5: '통신 규제와 경쟁', 6: '국경 간 데이터 정책', 7: '국내 데이터 보호와 프라이버시', 8: '인터넷 중개자 책임', 9: '콘텐츠 접근', 10: '비기술적 비관세조치', 11: '표준과 절차', 12: '온라인 판매와 거래' },
  areas: { assessment_strategy: '전자상거래 준비도 평가와 전략', ict_infrastructure: 'ICT 인프라와 서비스', trade_logistics: '무역 물류와 무역 원활화', payments: '결제 솔루션', legal_regulatory: '법·규제 체계', skills: '전자상거래 역량 개발', finance: '금융 접근' },
  roles: { export_promotion: '수출 진흥 기관', customs: '세관', sme_agency: '중소기업 기관', postal_operator: '우편 사업자' },
};

export const WORDS: Record<BriefLanguage, BriefWords> = { en, es, pt, zh, ja, ko };

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));
}
