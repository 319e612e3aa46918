//! Word's list numbers, which are not in the paragraph's text: numbering.xml defines
//! abstract lists (w:abstractNum, one w:lvl per nesting level with its start, format
//! and text such as "%1." or "(%1)" or "%1.%2"), and instances (w:num) that point at
//! one and may restart levels (w:lvlOverride/w:startOverride). Paragraphs count per
//! instance and level, and a level's counter restarts when a higher level advances.

use std::collections::HashMap;

use super::numerals::NumberFormat;
use super::xml::Element;

const LEVELS: usize = 9;

pub struct Numbering<'d> {
    abstracts: HashMap<&'d str, &'d Element>,
    nums: HashMap<&'d str, &'d Element>,
}

/// Each list instance's counters, one a level; `None` until the level is first used
/// (or since a higher level advanced).
#[derive(Default)]
pub struct Counters(HashMap<String, [Option<u32>; LEVELS]>);

/// One level's definition.
struct Level {
    start: u32,
    /// `None` for bullets and for lists that show no number.
    format: Option<NumberFormat>,
    text: String,
    /// w:isLgl: the numbers of higher levels shown in this level's text are decimal
    /// ("1.2" rather than "I.b"); otherwise each shows in its own level's format.
    legal: bool,
}

impl<'d> Numbering<'d> {
    pub fn new(tree: Option<&'d Element>) -> Numbering<'d> {
        let mut abstracts = HashMap::new();
        let mut nums = HashMap::new();
        if let Some(numbering) = tree.and_then(|t| t.child("w:numbering")) {
            for element in numbering.elements() {
                match element.name.as_str() {
                    "w:abstractNum" => {
                        if let Some(id) = element.attr("w:abstractNumId") {
                            abstracts.insert(id, element);
                        }
                    }
                    "w:num" => {
                        if let Some(id) = element.attr("w:numId") {
                            nums.insert(id, element);
                        }
                    }
                    _ => {}
                }
            }
        }
        Numbering { abstracts, nums }
    }

    /// Advances list `num_id` at `level` and gives the number shown: `Some(None)` for
    /// a bullet, `None` when the list is not defined (the paragraph is then plain).
    pub fn next(&self, counters: &mut Counters, num_id: &str, level: u8) -> Option<Option<String>> {
        let level = usize::from(level).min(LEVELS - 1);
        let definition = self.level(num_id, level)?;
        let counts = counters.0.entry(num_id.to_string()).or_insert([None; LEVELS]);
        counts[level] = Some(match counts[level] {
            Some(n) => n.saturating_add(1),
            None => self.start(num_id, level),
        });
        for deeper in &mut counts[level + 1..] {
            *deeper = None;
        }
        let counts = *counts;
        let Some(_) = definition.format else {
            return Some(None);
        };
        let mut shown = definition.text.clone();
        for (at, count) in counts.iter().enumerate().take(level + 1).rev() {
            let placeholder = format!("%{}", at + 1);
            if !shown.contains(&placeholder) {
                continue;
            }
            let format = match definition.legal {
                true => NumberFormat::Decimal,
                false => self
                    .level(num_id, at)
                    .and_then(|l| l.format)
                    .unwrap_or(NumberFormat::Decimal),
            };
            let count = count.unwrap_or_else(|| self.start(num_id, at));
            shown = shown.replace(&placeholder, &format.format(count));
        }
        let shown = crate::import::document::clean(&shown);
        Some((!shown.is_empty()).then_some(shown))
    }

    /// The level's definition: the instance's own override, else its abstract list's.
    fn level(&self, num_id: &str, level: usize) -> Option<Level> {
        let num = self.nums.get(num_id)?;
        let overridden = self.override_of(num, level).and_then(|o| o.child("w:lvl"));
        let abstract_id = num.child("w:abstractNumId")?.attr("w:val")?;
        let from_abstract = self.abstracts.get(abstract_id).and_then(|a| {
            a.children_named("w:lvl")
                .find(|l| l.attr("w:ilvl").and_then(|i| i.parse().ok()) == Some(level))
        });
        let lvl = overridden.or(from_abstract)?;
        let value = |name: &str| lvl.child(name).and_then(|e| e.attr("w:val"));
        let format = match value("w:numFmt").unwrap_or("decimal") {
            "bullet" | "none" => None,
            "lowerLetter" => Some(NumberFormat::LowerLetter),
            "upperLetter" => Some(NumberFormat::UpperLetter),
            "lowerRoman" => Some(NumberFormat::LowerRoman),
            "upperRoman" => Some(NumberFormat::UpperRoman),
            "decimalZero" => Some(NumberFormat::DecimalZero),
            _ => Some(NumberFormat::Decimal),
        };
        Some(Level {
            start: value("w:start").and_then(|s| s.parse().ok()).unwrap_or(1),
            format,
            text: value("w:lvlText").unwrap_or_default().to_string(),
            legal: lvl
                .child("w:isLgl")
                .is_some_and(|l| l.attr("w:val").is_none_or(|v| v != "0" && v != "false")),
        })
    }

    fn override_of(&self, num: &'d Element, level: usize) -> Option<&'d Element> {
        num.children_named("w:lvlOverride")
            .find(|o| o.attr("w:ilvl").and_then(|i| i.parse().ok()) == Some(level))
    }

    /// Where a level starts counting: the instance's w:startOverride, else the level's
    /// w:start.
    fn start(&self, num_id: &str, level: usize) -> u32 {
        self.nums
            .get(num_id)
            .and_then(|num| self.override_of(num, level))
            .and_then(|o| o.child("w:startOverride"))
            .and_then(|s| s.attr("w:val"))
            .and_then(|v| v.parse().ok())
            .or_else(|| self.level(num_id, level).map(|l| l.start))
            .unwrap_or(1)
    }
}
