//! What `plansite serve` keeps between rebuilds so that an edit redoes only the work it
//! affects: the parsed files ([`load::Cache`]) and, per plan, its checks and its rendered
//! pages. A plan's results are reused while its files keep their stamps and nothing else the
//! site is built from (site.yaml, the sheets, the theme, the options) changed: the *epoch*.

use crate::content::{Plan, Site};
use crate::diagnostics::Diagnostic;
use crate::load;
use crate::load::theme::Theme;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

///
/// `R` is what rendering a plan yields (`render::PlanOutcome`): a parameter, so this module
/// needs nothing from the renderer that uses it.
pub struct Memo<R> {
    pub(crate) files: load::Cache,
    pub(crate) checked: PerPlan<Vec<Diagnostic>>,
    pub(crate) rendered: PerPlan<R>,
    epoch: AtomicU64,
    live: Mutex<HashSet<String>>,
}

impl<R> Default for Memo<R> {
    fn default() -> Self {
        Memo {
            files: load::Cache::default(),
            checked: PerPlan::default(),
            rendered: PerPlan::default(),
            epoch: AtomicU64::default(),
            live: Mutex::default(),
        }
    }
}

impl<R> Memo<R> {
    /// Starts a build of `site` with `theme` (after loading, with any command-line overrides
    /// applied to its config).
    pub(crate) fn begin(&self, site: &Site, theme: &Theme) {
        let mut h = DefaultHasher::new();
        format!("{:?}", site.config).hash(&mut h);
        self.files.sheets_digest().hash(&mut h);
        // Plan pages show target statuses, which monitoring rows decide.
        format!("{:?}", site.monitoring).hash(&mut h);
        // and the date they stand at, which any plan's dates can move.
        crate::tracking::as_of(site).hash(&mut h);
        // Translated pages show stale-section notices, which the records decide.
        format!("{:?}", site.translations).hash(&mut h);
        theme.templates.hash(&mut h);
        theme.static_files.hash(&mut h);
        theme.strings.hash(&mut h);
        self.epoch.store(h.finish(), Ordering::Relaxed);
        *self.live.lock().unwrap_or_else(|e| e.into_inner()) = site.plans.iter().map(|p| p.id.clone()).collect();
    }

    /// What `plan`'s results depend on: its files' stamps and the epoch.
    fn key(&self, plan: &Plan) -> u64 {
        let mut h = DefaultHasher::new();
        self.epoch.load(Ordering::Relaxed).hash(&mut h);
        plan.broken.hash(&mut h);
        for (lang, doc) in &plan.docs {
            (lang, doc.stamp).hash(&mut h);
        }
        h.finish()
    }

    /// The build was published: what it made is reused from now on (plans that are gone are
    /// forgotten).
    pub fn commit(&self) {
        let live = self.live.lock().unwrap_or_else(|e| e.into_inner());
        self.checked.commit(&live);
        self.rendered.commit(&live);
    }

    /// The build failed: what it made is dropped (its pages were never written).
    pub fn discard(&self) {
        self.checked.discard();
        self.rendered.discard();
    }

    /// Forgets all rendered pages, e.g. when the output folder may no longer hold them.
    pub fn forget_pages(&self) {
        self.rendered.clear();
    }
}

/// `make`'s result for `plan`, or the one `stage` of `memo` holds from a published build made
/// under the same key; and whether it was reused.
pub(crate) fn reuse<T, R>(
    memo: Option<&Memo<R>>,
    stage: impl Fn(&Memo<R>) -> &PerPlan<T>,
    plan: &Plan,
    make: impl FnOnce() -> T,
) -> (Arc<T>, bool) {
    let Some(memo) = memo else {
        return (Arc::new(make()), false);
    };
    let key = memo.key(plan);
    if let Some(done) = stage(memo).get(&plan.id, key) {
        return (done, true);
    }
    let made = Arc::new(make());
    stage(memo).put(&plan.id, key, made.clone());
    (made, false)
}

/// One stage's result per plan id, with the key it was made under.
pub(crate) struct PerPlan<T> {
    kept: Mutex<HashMap<String, (u64, Arc<T>)>>,
    fresh: Mutex<Vec<(String, u64, Arc<T>)>>,
}

impl<T> Default for PerPlan<T> {
    fn default() -> Self {
        PerPlan {
            kept: Mutex::default(),
            fresh: Mutex::default(),
        }
    }
}

impl<T> PerPlan<T> {
    /// The result of a published build for `plan`, if it was made under `key`.
    fn get(&self, plan: &str, key: u64) -> Option<Arc<T>> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.get(plan).filter(|(k, _)| *k == key).map(|(_, v)| v.clone())
    }

    /// Records a result of the current build, reused once it is committed.
    fn put(&self, plan: &str, key: u64, value: Arc<T>) {
        let mut fresh = self.fresh.lock().unwrap_or_else(|e| e.into_inner());
        fresh.push((plan.to_string(), key, value));
    }

    fn commit(&self, live: &HashSet<String>) {
        let fresh = std::mem::take(&mut *self.fresh.lock().unwrap_or_else(|e| e.into_inner()));
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        for (plan, key, value) in fresh {
            kept.insert(plan, (key, value));
        }
        kept.retain(|plan, _| live.contains(plan));
    }

    fn discard(&self) {
        self.fresh.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    fn clear(&self) {
        self.discard();
        self.kept.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}
