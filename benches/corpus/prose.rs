//! Deterministic prose in Chinese and English for the benchmark corpus: a seeded xorshift and
//! word lists, so the same seed always gives the same bytes (no `rand` crate, no data files).

/// xorshift64* — small, fast and good enough to vary text; never used for anything secret.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`; the seed is mixed so that nearby seeds give unrelated streams.
    pub fn new(seed: u64) -> Self {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// One element of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const ZH_PHRASES: &[&str] = &[
    "人工智能",
    "大模型",
    "应用落地",
    "多模态",
    "算力成本",
    "商业化进程",
    "行业格局",
    "用户规模",
    "付费意愿",
    "监管环境",
    "数据安全",
    "内容生成",
    "视频生成",
    "文本理解",
    "推理能力",
    "开源生态",
    "云计算厂商",
    "互联网平台",
    "终端设备",
    "企业客户",
    "消费者市场",
    "广告收入",
    "订阅模式",
    "毛利率",
    "研发投入",
    "市场份额",
    "竞争壁垒",
    "技术路线",
    "产业链上游",
    "下游需求",
    "资本开支",
    "估值水平",
    "盈利预测",
    "风险因素",
    "政策支持",
    "国产替代",
    "芯片供给",
    "训练数据",
    "模型参数",
    "推理成本持续下降",
    "渗透率稳步提升",
    "头部厂商优势明显",
    "中小企业加速采用",
    "海外市场空间广阔",
    "AIGC 产品",
    "GPT-4 级别模型",
    "Sora 等视频模型",
    "2024 年",
    "未来三年",
    "同比增长约 30%",
    "我们认为",
    "值得关注的是",
    "从长期看",
    "短期内",
];

const ZH_LINKS: &[&str] = &[
    "相关分析",
    "前文讨论",
    "详见该章",
    "市场测算",
    "竞争格局分析",
    "风险提示",
    "估值方法",
];

const ZH_TOPICS: &[&str] = &[
    "市场规模",
    "竞争格局",
    "技术路线",
    "商业模式",
    "用户增长",
    "成本结构",
    "监管动态",
    "投资建议",
    "风险提示",
    "产业链",
    "海外对比",
    "盈利预测",
];

const EN_WORDS: &[&str] = &[
    "the",
    "model",
    "market",
    "growth",
    "cost",
    "users",
    "platform",
    "revenue",
    "inference",
    "training",
    "compute",
    "adoption",
    "enterprise",
    "consumer",
    "video",
    "text",
    "multimodal",
    "deployment",
    "margin",
    "pricing",
    "subscription",
    "advertising",
    "regulation",
    "supply",
    "chips",
    "cloud",
    "open-source",
    "ecosystem",
    "competition",
    "share",
    "valuation",
    "forecast",
    "risk",
    "demand",
    "capacity",
    "of",
    "and",
    "in",
    "for",
    "with",
    "as",
    "to",
    "a",
    "is",
    "will",
    "remains",
    "grows",
    "falls",
    "drives",
    "limits",
    "expands",
    "steadily",
    "rapidly",
    "likely",
    "we",
    "expect",
    "estimate",
    "believe",
    "over",
    "next",
    "three",
    "years",
    "AIGC",
    "GPT-4",
    "per",
    "cent",
    "year-on-year",
    "leading",
    "smaller",
    "vendors",
    "overseas",
    "domestic",
];

const EN_LINKS: &[&str] = &[
    "the related analysis",
    "as discussed earlier",
    "see that chapter",
    "our market sizing",
    "the competitive landscape",
    "the risk section",
    "our valuation method",
];

const EN_TOPICS: &[&str] = &[
    "Market size",
    "Competition",
    "Technology roadmap",
    "Business model",
    "User growth",
    "Cost structure",
    "Regulation",
    "Investment view",
    "Risks",
    "Value chain",
    "Overseas peers",
    "Earnings forecast",
];

/// Prose in one language.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Chinese: phrases joined with full-width punctuation, no spaces.
    Zh,
    /// English: words joined with spaces.
    En,
}

impl Lang {
    /// The language for a site language key, if the generator can write it.
    pub fn from_key(key: &str) -> Option<Lang> {
        match key {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// A sentence of roughly 60–120 bytes.
    pub fn sentence(self, rng: &mut Rng) -> String {
        match self {
            Lang::Zh => {
                let n = 3 + rng.below(4);
                let parts: Vec<&str> = (0..n).map(|_| rng.pick(ZH_PHRASES)).collect();
                format!("{}。", parts.join("，"))
            }
            Lang::En => {
                let n = 9 + rng.below(10);
                let words: Vec<&str> = (0..n).map(|_| rng.pick(EN_WORDS)).collect();
                let s = words.join(" ");
                let mut c = s.chars();
                let first = c.next().map(|f| f.to_uppercase().to_string());
                format!("{}{}.", first.unwrap_or_default(), c.as_str())
            }
        }
    }

    /// A paragraph of a few sentences, sometimes opening with a bold lead (`**要点。**正文`,
    /// the CJK emphasis case yanbao handles specially).
    pub fn paragraph(self, rng: &mut Rng) -> String {
        let n = 4 + rng.below(4);
        let mut p = String::new();
        if rng.below(3) == 0 {
            p.push_str(&format!("**{}**", self.sentence(rng)));
        }
        for _ in 0..n {
            if !p.is_empty() && self == Lang::En {
                p.push(' ');
            }
            p.push_str(&self.sentence(rng));
        }
        p
    }

    /// Link text.
    pub fn link_text(self, rng: &mut Rng) -> &'static str {
        rng.pick(if self == Lang::Zh { ZH_LINKS } else { EN_LINKS })
    }

    /// A topic for a title or heading.
    pub fn topic(self, rng: &mut Rng) -> &'static str {
        rng.pick(if self == Lang::Zh {
            ZH_TOPICS
        } else {
            EN_TOPICS
        })
    }

    /// A chapter title.
    pub fn chapter_title(self, n: usize, topic: &str) -> String {
        match self {
            Lang::Zh => format!("第{n}章 {topic}"),
            Lang::En => format!("Chapter {n}: {topic}"),
        }
    }

    /// A section heading (`n` keeps headings unique within a page).
    pub fn section_heading(self, n: usize, topic: &str) -> String {
        format!("{n}. {topic}")
    }
}
