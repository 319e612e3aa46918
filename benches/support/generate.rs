//! Realistic responses to the built-in `integrating-care` set, for benchmarks: varied
//! organisations, positions that lean the way each kind of organisation tends to, and
//! answers of a few hundred words in British consultation prose (about 40 KB a file).
//! Deterministic: the same seed gives the same files.
#![allow(dead_code)] // each benchmark uses a different part

use std::path::{Path, PathBuf};

use consult::catalog::Catalog;
use consult::export;
use consult::model::{ItemStatus, QuestionSet, Response, ResponseStatus};

/// A small, fast, seedable generator (xorshift64*): benchmarks need no better.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PLACES: &[&str] = &[
    "Cumbria",
    "Northumberland",
    "Greater Manchester",
    "Lancashire",
    "Cheshire",
    "Merseyside",
    "West Yorkshire",
    "Humber",
    "Lincolnshire",
    "Norfolk",
    "Suffolk",
    "Essex",
    "Kent",
    "Surrey",
    "Sussex",
    "Hampshire",
    "Dorset",
    "Devon",
    "Cornwall",
    "Somerset",
    "Gloucestershire",
    "Herefordshire",
    "Shropshire",
    "Staffordshire",
    "Derbyshire",
    "Nottinghamshire",
    "Leicestershire",
    "Northamptonshire",
    "Bedfordshire",
    "Hertfordshire",
    "Buckinghamshire",
    "Oxfordshire",
    "Berkshire",
    "Wiltshire",
    "Birmingham",
    "Coventry",
    "Bristol",
    "Sheffield",
    "Leeds",
    "Newcastle",
    "Sunderland",
    "Bradford",
    "Plymouth",
    "Southampton",
    "Portsmouth",
];

/// Kinds of respondent, each with a lean on the agreement scale (weights for agree …
/// disagree) and on the support scale (support … oppose).
const KINDS: &[(&str, [u32; 5], [u32; 4])] = &[
    ("{} County Council", [2, 5, 2, 3, 2], [5, 4, 1, 1]),
    ("{} City Council", [2, 5, 2, 3, 1], [5, 4, 1, 1]),
    ("{} Health and Wellbeing Board", [3, 5, 2, 2, 1], [6, 3, 1, 0]),
    (
        "NHS {} Clinical Commissioning Group",
        [6, 3, 2, 1, 1],
        [2, 4, 3, 2],
    ),
    (
        "{} Teaching Hospitals NHS Foundation Trust",
        [5, 3, 3, 1, 1],
        [2, 3, 4, 2],
    ),
    ("{} Partnership NHS Trust", [5, 4, 2, 1, 0], [3, 4, 3, 1]),
    ("Healthwatch {}", [2, 4, 2, 3, 2], [5, 4, 1, 0]),
    ("{} Council for Voluntary Service", [2, 4, 3, 2, 1], [5, 3, 2, 0]),
    ("{} Local Medical Committee", [1, 3, 2, 4, 4], [1, 3, 3, 4]),
    ("{} Carers' Centre", [2, 4, 3, 2, 1], [5, 3, 1, 1]),
];

const PEOPLE: &[&str] = &[
    "Aisha Rahman",
    "Bethan Morgan",
    "Chloe O’Brien",
    "Dafydd Evans",
    "Eleanor Clarke",
    "Faisal Khan",
    "Gareth Hughes",
    "Hannah Lewis",
    "Ifeoma Okafor",
    "James Whitfield",
    "Kirsty MacLeod",
    "Łucja Nowak",
    "Mohammed Ali",
    "Niamh Doyle",
    "Oluwaseun Adeyemi",
    "Priya Sharma",
    "Rhiannon Price",
    "Siân Roberts",
    "Tomasz Wiśniewski",
    "Zoë Fernández",
];

const ROLES: &[&str] = &[
    "Chief Executive",
    "Director of Public Health",
    "Head of Policy",
    "Director of Adult Social Services",
    "Chair",
    "Policy Officer",
    "Medical Director",
    "Director of Strategy",
];

const OPENINGS: &[&str] = &[
    "We welcome the direction set out in the proposals",
    "Our members have discussed this question at length",
    "On balance we take a cautious view",
    "We support the principle behind this proposal",
    "Our experience locally suggests a more nuanced answer",
    "We have real concerns about how this would work in practice",
    "This is an area where our partners hold differing views",
    "We agree with much of the analysis in the consultation document",
];

const SENTENCES: &[&str] = &[
    "Integrated care systems must be genuine partnerships between the NHS, local government and the voluntary sector, not NHS bodies with councils in attendance.",
    "The statutory footing proposed would give systems the standing they need, but only if accountability to local people is written in from the start.",
    "Place-based partnerships, working at the level of the local authority, are where most of the practical work of integration is done.",
    "Social care funding remains the single largest risk to the success of these reforms, and no change to structures will remove it.",
    "We would want to see health and wellbeing boards retain a clear role in setting the strategy for their populations.",
    "Primary care networks need a stronger voice in system decisions than the proposals currently allow.",
    "The transfer of specialised commissioning should be phased, with clear safeguards for patients whose care crosses system boundaries.",
    "Clinical leadership is essential, but it must sit alongside democratic leadership rather than above it.",
    "A permissive approach to governance allows systems to build on what already works, and we would resist a single national template.",
    "Workforce planning for health and social care should be brought together so that recruitment and training are not planned in silos.",
    "Public health teams bring expertise on prevention and inequalities that the new bodies should draw on fully.",
    "Data sharing between partners remains difficult, and the legislation should make lawful sharing for direct care and planning easier.",
    "Coterminous boundaries between systems and upper-tier councils would simplify joint planning and accountability considerably.",
    "The voluntary and community sector should be recognised as a partner in its own right, with a seat at the table and a fair share of resources.",
    "Independent scrutiny, for example through council overview and scrutiny committees, must be strengthened rather than diluted.",
    "We are concerned that the timetable leaves too little time for systems to prepare for the transition in April 2022.",
    "Any new duty to collaborate should apply equally to NHS bodies and to local authorities, and be backed by shared outcomes.",
    "The experience of the pandemic shows what can be achieved when partners share information and decisions quickly.",
    "Patients and carers should be involved in designing services, not only consulted once decisions are made.",
    "Financial flows should follow the patient and support prevention, rather than rewarding activity in hospitals alone.",
    "Smaller organisations, including GP practices and community pharmacies, need practical support to take part in system working.",
    "We would welcome further detail on how disputes between partners in a system would be resolved.",
    "Rural areas face particular challenges of distance and workforce that a one-size-fits-all model would not address.",
    "Health inequalities should be an explicit objective of every system, with progress reported publicly each year.",
    "The proposals rightly move away from competition as the main driver of improvement, and towards collaboration between providers.",
    "Mental health services must have parity of esteem within system budgets and governance, not just in principle.",
    "Councils bring democratic legitimacy, knowledge of their communities and responsibility for housing, leisure and education, all of which shape health.",
    "We would caution against creating new layers of bureaucracy that draw staff away from frontline care.",
    "A single pot for the system could help, provided councils retain control of the budgets for which they are accountable to voters.",
    "Regional teams of NHS England should support systems rather than duplicate their work or manage them from above.",
];

const REASONS: &[&str] = &[
    "Our position reflects the views of our board and of the partners we consulted in preparing this response.",
    "We have weighed the benefits of a statutory footing against the risk of weakening local accountability.",
    "The evidence from our own partnership working over the last five years informs this view.",
    "We chose this position because the proposal is sound in principle but incomplete in its detail.",
    "Members were not unanimous, and this position reflects the majority view at our meeting in December.",
    "Our view depends on the safeguards set out in the consultation being carried into the legislation.",
    "This reflects concerns raised by frontline staff and by the patients and carers we work with.",
    "We would revisit this position if the final guidance addressed the points we make above.",
];

/// One response from the organisation numbered `n`.
pub fn response(set: &QuestionSet, n: usize, rng: &mut Rng) -> Response {
    let (pattern, agreement_lean, support_lean) = KINDS[n % KINDS.len()];
    let place = PLACES[(n / KINDS.len()) % PLACES.len()];
    let mut name = pattern.replace("{}", place);
    let round = n / (KINDS.len() * PLACES.len());
    if round > 0 {
        // Beyond the 450 real-sounding names, number them as a consultation export would.
        name = format!("{name} ({})", round + 1);
    }
    let mut response = Response::new(set, &name);
    response.respondent.contact_name = rng.pick(PEOPLE).to_string();
    response.respondent.role = rng.pick(ROLES).to_string();
    response.status = if rng.below(5) == 0 {
        ResponseStatus::Draft
    } else {
        ResponseStatus::Final
    };
    let items: Vec<_> = set.items().cloned().collect();
    for item in &items {
        let scale = set.scale_of(item).cloned();
        let answer = response.answer_mut(set, &item.id);
        answer.status = ItemStatus::Ready;
        if let Some(scale) = scale {
            // About one in twenty-five leaves a question without a position.
            if rng.below(25) != 0 {
                let lean: &[u32] = if scale.options.len() == 5 {
                    &agreement_lean
                } else {
                    &support_lean
                };
                answer.position = Some(scale.options[weighted(rng, lean)].id.clone());
            }
        }
        let (answer_words, reasoning_words) = (220 + rng.below(180), 50 + rng.below(60));
        answer.answer = prose(rng, answer_words, true);
        answer.reasoning = prose(rng, reasoning_words, false);
    }
    response
}

fn weighted(rng: &mut Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut roll = rng.below(total as usize) as u32;
    for (i, w) in weights.iter().enumerate() {
        if roll < *w {
            return i;
        }
        roll -= w;
    }
    weights.len() - 1
}

/// Paragraphs of about `words` words (a few more, to end on a whole sentence).
pub fn prose(rng: &mut Rng, words: usize, opening: bool) -> String {
    let mut text = String::new();
    let mut count = 0;
    if opening {
        text.push_str(rng.pick(OPENINGS));
        text.push_str(". ");
        count += 8;
    }
    let bank = if opening { SENTENCES } else { REASONS };
    let mut in_paragraph = 0;
    while count < words {
        let sentence = rng.pick(bank);
        text.push_str(sentence);
        count += sentence.split_whitespace().count();
        in_paragraph += 1;
        if in_paragraph >= 4 && rng.below(2) == 0 {
            text.push_str("\n\n");
            in_paragraph = 0;
        } else {
            text.push(' ');
        }
    }
    text.trim_end().to_string()
}

/// Writes `count` responses into `dir` as `response-00001.json` …; returns the bytes written.
pub fn write_responses(dir: &Path, count: usize, seed: u64) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let set = Catalog::built_in()
        .find("integrating-care")
        .cloned()
        .expect("the built-in set");
    let mut rng = Rng::new(seed);
    let mut bytes = 0;
    for n in 0..count {
        let text = export::json::render(&response(&set, n, &mut rng));
        bytes += text.len() as u64;
        std::fs::write(dir.join(format!("response-{:05}.json", n + 1)), text)?;
    }
    Ok(bytes)
}

/// A response to `set` from one organisation whose answers and reasoning on every item are
/// long enough that its file is about `bytes` long: a large draft to open.
pub fn long_response(set: &QuestionSet, bytes: usize, rng: &mut Rng) -> Response {
    let mut response = response(set, 0, rng);
    // About six and a half bytes a word of prose, split between answer and reasoning.
    let words = bytes / 13 / set.item_count().max(1);
    for answer in &mut response.answers {
        answer.answer = prose(rng, words, true);
        answer.reasoning = prose(rng, words, false);
    }
    response
}

/// A joint response of `members` members (the two sample responses' answers under new
/// names), with their files, in `dir`; returns the joint draft's path.
pub fn write_joint(dir: &Path, set: &QuestionSet, members: usize) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let fixture = |name: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        consult::parse::response(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let samples = [
        fixture("health-devolution-commission.json"),
        fixture("local-government.json"),
    ];
    let mut taken = Vec::new();
    for m in 0..members {
        let mut response = samples[m % 2].clone();
        response.respondent.organisation = format!("Member {m:03}");
        let file = format!("member-{m:03}.json");
        std::fs::write(dir.join(&file), export::json::render(&response)).unwrap();
        taken.push((file, response));
    }
    let joint = consult::joint::start(set, "Bench secretariat", &taken, jiff::Timestamp::now()).unwrap();
    let path = dir.join("joint.json");
    std::fs::write(&path, export::json::render(&joint)).unwrap();
    path
}
