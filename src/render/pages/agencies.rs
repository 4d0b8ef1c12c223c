//! Who is responsible: the agency index (every body by level, with counts of its tasks) and
//! one page per agency (its tasks across plans, each with the co-responsible bodies and the
//! targets its section states, with their status). Both come from the responsibility notes the
//! source-language plan pages found ([`Usage::tasks`]); plan pages link every body they name.

use super::text::{Other, Shown};
use super::{Ctx, Usage};
use crate::agencies::{Linker, Role};
use crate::content::{Agency, Language, Level, Plan, PlanDoc, ValueKind};
use crate::diagnostics::{Diagnostic, Location};
use crate::render::annotate::{AgencyLinks, NoteFound};
use crate::routes::{Page, relative};
use serde::Serialize;
use std::sync::Arc;

/// A task: a section of a plan whose responsibility note names agencies.
#[derive(Debug, Clone)]
pub(crate) struct Task {
    pub plan: Arc<str>,
    /// The heading id (empty for text before the first heading).
    pub section: String,
    pub agencies: Vec<(usize, Role)>,
    /// Collective mentions and unknown names, as written.
    pub others: Vec<String>,
}

impl Usage {
    /// Takes in the notes of a plan's source-language page.
    pub(super) fn record_tasks(&mut self, plan: &Arc<str>, source: &super::plan::Findings) {
        for NoteFound {
            section,
            agencies,
            others,
        } in &source.notes
        {
            let t = self.tasks.len();
            for &(a, _) in agencies {
                let mine = &mut self.agency_tasks[a];
                if mine.last() != Some(&t) {
                    mine.push(t);
                }
            }
            self.tasks.push(Task {
                plan: plan.clone(),
                section: section.clone(),
                agencies: agencies.clone(),
                others: others.clone(),
            });
        }
    }
}

#[derive(Serialize)]
struct Item {
    id: String,
    name: Shown,
    href: String,
    lead: usize,
    supporting: usize,
    targets: usize,
}

#[derive(Serialize)]
struct LevelGroup {
    key: &'static str,
    label: String,
    items: Vec<Item>,
}

/// A body beside the agency in one task: linked when the registry knows it.
#[derive(Serialize)]
struct CoBody {
    name: Shown,
    href: Option<String>,
}

/// A value its task's section states.
#[derive(Serialize)]
struct ValueLine {
    name: Shown,
    kind: String,
    year: String,
    text: Shown,
    href: String,
    status: Option<&'static str>,
    status_label: Option<String>,
}

#[derive(Serialize)]
struct TaskRow {
    plan_title: String,
    plan_href: String,
    href: String,
    heading: String,
    role: &'static str,
    role_label: String,
    co: Vec<CoBody>,
    values: Vec<ValueLine>,
}

impl Ctx<'_> {
    /// The agencies a page of `plan` in `lang` links, when the site has a registry. Which
    /// bodies a short name can mean follows the source-language edition's `region` (the one
    /// the registry's `region` fields are written in).
    pub(super) fn agency_links(&self, lang: &Language, plan: &Plan) -> Option<AgencyLinks> {
        let source = plan.doc(self.site.default_language())?;
        if self.site.agencies.is_empty() {
            return None;
        }
        let from = Page::Plan(&plan.id).dir(&lang.code);
        Some(AgencyLinks {
            linker: Linker::new(&self.site.agencies, &source.front.region, &lang.code, lang.script()),
            hrefs: (self.site.agencies.iter())
                .map(|a| relative(&from, &Page::Agency(&a.id).dir(&lang.code)))
                .collect(),
        })
    }

    /// Names in `doc`'s notes the registry does not know: warnings at their line and column.
    pub(super) fn unknown_agencies(&self, linker: &Linker, doc: &PlanDoc, body: &str) -> Vec<Diagnostic> {
        (crate::agencies::unknown_names(linker, body).into_iter())
            .map(|u| {
                let at = Location::new(&doc.path, doc.body_line + u.line - 1, u.column);
                Diagnostic::warning(
                    Some(at),
                    format!("responsibility note names `{}`, which agencies.yaml does not know", u.written),
                )
                .with_hint(format!(
                    "add it to content/agencies.yaml (`- id: …`, `name_zh: <official name>`, `aliases_zh: [{}]`, \
                     `name_en: …`, `level: municipal`, `region: …`), or correct the name; `plansite check` lists the rest",
                    u.full
                ))
            })
            .collect()
    }

    pub(super) fn agencies_page(&self, lang: &Language, usage: &Usage) -> Result<String, Diagnostic> {
        let here = Page::Agencies.dir(&lang.code);
        let mut groups = Vec::new();
        for level in Level::ALL {
            let mut items: Vec<(String, Item)> = (self.site.agencies.iter().enumerate())
                .filter(|(_, a)| a.level == level)
                .map(|(k, a)| {
                    let name = self.shown(lang, &a.name);
                    let (lead, supporting, targets) = self.counts(usage, k);
                    let script = self.script_of(lang, &name);
                    let item = Item {
                        id: a.id.clone(),
                        href: relative(&here, &Page::Agency(&a.id).dir(&lang.code)),
                        name,
                        lead,
                        supporting,
                        targets,
                    };
                    (script.sort_key(&item.name.text), item)
                })
                .collect();
            items.sort_by(|a, b| (&a.0, &a.1.id).cmp(&(&b.0, &b.1.id)));
            if !items.is_empty() {
                groups.push(LevelGroup {
                    key: level.key(),
                    label: self.s(lang, &format!("agencies.level.{}", level.key())),
                    items: items.into_iter().map(|(_, i)| i).collect(),
                });
            }
        }
        let mut ctx = self.base(lang, Page::Agencies);
        ctx.insert("page_title", &self.s(lang, "agencies.title"));
        ctx.insert("description", &self.s(lang, "agencies.intro"));
        ctx.insert("groups", &groups);
        self.templates.render("agencies.html", &ctx)
    }

    /// The script a shown name sorts by: its own language's, or the source's where it stands in.
    fn script_of(&self, lang: &Language, name: &Shown) -> crate::content::Script {
        if name.fallback() {
            self.site.default_language().script()
        } else {
            lang.script()
        }
    }

    /// (tasks as lead, tasks as supporting body, targets stated in those tasks' sections).
    fn counts(&self, usage: &Usage, k: usize) -> (usize, usize, usize) {
        let (mut lead, mut supporting, mut targets) = (0, 0, 0);
        for &t in &usage.agency_tasks[k] {
            let task = &usage.tasks[t];
            match role_in(task, k) {
                Role::Lead => lead += 1,
                Role::Supporting => supporting += 1,
            }
            targets += (self.section_values(usage, task))
                .filter(|&(i, j)| self.site.indicators[i].values[j].kind == ValueKind::Target)
                .count();
        }
        (lead, supporting, targets)
    }

    /// The values (indicator, value) the plan text states in `task`'s section.
    fn section_values<'u>(&'u self, usage: &'u Usage, task: &'u Task) -> impl Iterator<Item = (usize, usize)> + 'u {
        let values = self.values_by_plan.get(&*task.plan).map(Vec::as_slice).unwrap_or(&[]);
        values
            .iter()
            .copied()
            .filter(move |&(i, j)| usage.anchors[0][i][j].as_ref().is_some_and(|(_, s)| *s == task.section))
    }

    pub(super) fn agency_page(&self, lang: &Language, id: &str, usage: &Usage) -> Result<String, Diagnostic> {
        let page = Page::Agency(id);
        let here = page.dir(&lang.code);
        let k =
            (self.site.agencies.iter().position(|a| a.id == id)).expect("agency pages are listed from the registry");
        let a = &self.site.agencies[k];
        let tasks: Vec<TaskRow> = (usage.agency_tasks[k].iter())
            .map(|&t| self.task_row(lang, &here, usage, &usage.tasks[t], k))
            .collect();
        let (lead, supporting, targets) = self.counts(usage, k);
        let name = self.shown(lang, &a.name);
        let mut ctx = self.base(lang, page);
        ctx.insert("page_title", &name.text);
        ctx.insert("description", &self.s(lang, "agencies.intro"));
        ctx.insert("name", &name);
        ctx.insert("others", &self.other_names(lang, a));
        ctx.insert("aliases", &a.aliases.get(&lang.code).cloned().unwrap_or_default());
        ctx.insert("level", &self.s(lang, &format!("agencies.level_one.{}", a.level.key())));
        ctx.insert("parent", &self.parent_of(lang, &here, a));
        ctx.insert("website", &a.website);
        ctx.insert("inferred", &a.name_en_inferred);
        let counts = (self.s(lang, "agencies.counts").replace("{lead}", &lead.to_string()))
            .replace("{supporting}", &supporting.to_string())
            .replace("{targets}", &targets.to_string());
        ctx.insert("counts", &counts);
        ctx.insert("tasks", &tasks);
        ctx.insert("index_href", &relative(&here, &Page::Agencies.dir(&lang.code)));
        self.templates.render("agency.html", &ctx)
    }

    /// The agency's name in the site's other languages.
    fn other_names(&self, lang: &Language, a: &Agency) -> Vec<Other> {
        (self.site.config.languages.iter())
            .filter(|l| l.code != lang.code)
            .filter_map(|l| {
                a.name.get(&l.code).map(|t| Other {
                    locale: l.locale.clone(),
                    text: t.clone(),
                })
            })
            .collect()
    }

    fn parent_of(&self, lang: &Language, here: &str, a: &Agency) -> Option<CoBody> {
        let p = (self.site.agencies.iter()).find(|p| Some(&p.id) == a.parent.as_ref())?;
        Some(CoBody {
            name: self.shown(lang, &p.name),
            href: Some(relative(here, &Page::Agency(&p.id).dir(&lang.code))),
        })
    }

    fn task_row(&self, lang: &Language, here: &str, usage: &Usage, task: &Task, k: usize) -> TaskRow {
        let li = self.lang_index(lang);
        let plan_href = relative(here, &Page::Plan(&task.plan).dir(&lang.code));
        let heading = (usage.headings[li].get(&*task.plan))
            .or_else(|| usage.headings[0].get(&*task.plan))
            .and_then(|h| h.get(&task.section))
            .cloned()
            .unwrap_or_else(|| self.plan_short(lang, &task.plan));
        let role = role_in(task, k);
        let source_locale = &self.site.default_language().locale;
        let mut co: Vec<CoBody> = (task.agencies.iter())
            .filter(|&&(a, _)| a != k)
            .map(|&(a, _)| {
                let other = &self.site.agencies[a];
                CoBody {
                    name: self.shown(lang, &other.name),
                    href: Some(relative(here, &Page::Agency(&other.id).dir(&lang.code))),
                }
            })
            .collect();
        co.extend(task.others.iter().map(|o| CoBody {
            name: Shown {
                text: o.clone(),
                locale: (li != 0).then(|| source_locale.clone()),
            },
            href: None,
        }));
        let values = (self.section_values(usage, task))
            .map(|(i, j)| self.value_line(lang, &plan_href, usage, (li, i, j)))
            .collect();
        TaskRow {
            plan_title: self.plan_short(lang, &task.plan),
            href: if task.section.is_empty() {
                plan_href.clone()
            } else {
                format!("{plan_href}#{}", task.section)
            },
            plan_href,
            heading,
            role: role.key(),
            role_label: self.s(lang, &format!("agencies.role.{}", role.key())),
            co,
            values,
        }
    }

    fn value_line(
        &self,
        lang: &Language,
        plan_href: &str,
        usage: &Usage,
        (li, i, j): (usize, usize, usize),
    ) -> ValueLine {
        let ind = &self.site.indicators[i];
        let v = &ind.values[j];
        let progress = self.progress.of_value(i, j);
        ValueLine {
            name: self.shown(lang, &ind.name),
            kind: self.value_kind(lang, v),
            year: self.value_year(lang, v),
            text: self.shown(lang, &v.text),
            href: format!("{plan_href}{}", self.fragment(usage, li, i, j)),
            status: progress.map(|t| t.status().key()),
            status_label: progress.map(|t| self.status_label(lang, t)),
        }
    }
}

/// The agency's role in `task` (lead when the note names it both ways).
fn role_in(task: &Task, k: usize) -> Role {
    (task.agencies.iter())
        .filter(|&&(a, _)| a == k)
        .map(|&(_, r)| r)
        .min()
        .unwrap_or(Role::Lead)
}

impl Ctx<'_> {
    /// `/data/agencies.json|csv`: one record per agency and task, in registry then text order.
    pub(super) fn agency_records(&self, usage: &Usage) -> Vec<super::open_data::Record> {
        use serde_json::Value as Json;
        let langs = &self.site.config.languages;
        let base = &self.site.config.base_url;
        let mut records = Vec::new();
        for (k, a) in self.site.agencies.iter().enumerate() {
            for &t in &usage.agency_tasks[k] {
                let task = &usage.tasks[t];
                let mut fields = vec![
                    ("agency".to_string(), Json::from(a.id.clone())),
                    ("level".to_string(), Json::from(a.level.key())),
                ];
                fields.extend(langs.iter().map(|l| {
                    let name = a.name.get(&l.code).cloned();
                    (format!("agency_{}", l.code), name.map_or(Json::Null, Json::from))
                }));
                fields.extend([
                    ("plan".to_string(), Json::from(&*task.plan)),
                    ("section".to_string(), Json::from(task.section.clone())),
                    ("role".to_string(), Json::from(role_in(task, k).key())),
                ]);
                fields.extend(langs.iter().enumerate().map(|(li, l)| {
                    let heading = usage.headings[li].get(&*task.plan).and_then(|h| h.get(&task.section));
                    (
                        format!("task_{}", l.code),
                        heading.cloned().map_or(Json::Null, Json::from),
                    )
                }));
                fields.extend(langs.iter().map(|l| {
                    let url = format!("{}#{}", Page::Plan(&task.plan).dir(&l.code), task.section);
                    (
                        format!("url_{}", l.code),
                        Json::from(crate::routes::absolute(base, &url)),
                    )
                }));
                let with: Vec<&str> = (task.agencies.iter())
                    .filter(|&&(o, _)| o != k)
                    .map(|&(o, _)| self.site.agencies[o].id.as_str())
                    .collect();
                fields.extend([
                    ("with".to_string(), Json::from(with.join(" "))),
                    ("also_named".to_string(), Json::from(task.others.join("、"))),
                ]);
                records.push(super::open_data::Record {
                    indicator: a.id.clone(),
                    fields,
                });
            }
        }
        records
    }

    /// Per (plan, section): the ids of the agencies its notes name, space-separated, for the
    /// indicator records of the values stated there.
    pub(super) fn section_agencies(&self, usage: &Usage) -> std::collections::HashMap<(String, String), String> {
        let mut out: std::collections::HashMap<(String, String), Vec<&str>> = std::collections::HashMap::new();
        for task in &usage.tasks {
            let ids = out.entry((task.plan.to_string(), task.section.clone())).or_default();
            for &(a, _) in &task.agencies {
                let id = self.site.agencies[a].id.as_str();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        out.into_iter().map(|(k, v)| (k, v.join(" "))).collect()
    }
}
