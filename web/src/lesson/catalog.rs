//! The built-in lessons, as the menu lists them. Each is a file under `static/lessons/`, fetched
//! when chosen; a test checks every file parses and its title and length are the ones listed
//! here.

use crate::lang::Lang;

/// One built-in lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Its file: `static/lessons/<id>.json`.
    pub id: &'static str,
    /// About how long it takes.
    pub minutes: u32,
    pub en: &'static str,
    pub zh: &'static str,
}

impl Entry {
    pub fn title(&self, lang: Lang) -> &'static str {
        lang.pick(self.en, self.zh)
    }

    /// Where the page fetches it from.
    pub fn url(&self) -> String {
        format!("static/lessons/{}.json", self.id)
    }
}

/// The built-in lessons, in the order they are best taken.
pub const LESSONS: [Entry; 8] = [
    Entry { id: "keys", minutes: 3, en: "Keys and partitions", zh: "消息键与分区" },
    Entry {
        id: "sharing", minutes: 3, en: "A group shares the partitions", zh: "消费者组如何分摊分区"
    },
    Entry {
        id: "two-groups",
        minutes: 2,
        en: "Two groups each read every record",
        zh: "两个消费者组各读一份",
    },
    Entry {
        id: "offsets",
        minutes: 4,
        en: "Offsets: processed, committed, lag",
        zh: "位移：已处理、已提交与积压",
    },
    Entry { id: "crash", minutes: 4, en: "A consumer crashes", zh: "消费者崩溃了" },
    Entry {
        id: "close-kill-slow",
        minutes: 5,
        en: "Close, kill, or too slow",
        zh: "正常关闭、被杀与处理太慢",
    },
    Entry {
        id: "eager-cooperative",
        minutes: 4,
        en: "Eager vs cooperative rebalancing",
        zh: "急切式与协作式重平衡",
    },
    Entry {
        id: "static",
        minutes: 3,
        en: "Static membership: a rolling restart",
        zh: "静态成员：滚动重启不触发重平衡",
    },
];

/// The lessons only the page with the consumer protocol (`dist/kip848/`) lists.
pub const KIP848_LESSONS: [Entry; 1] = [Entry {
    id: "kip848",
    minutes: 4,
    en: "The new protocol (KIP-848): nobody stops",
    zh: "新协议（KIP-848）：没有人停下来",
}];

/// The lessons this build lists, in order.
pub fn listed() -> impl Iterator<Item = &'static Entry> {
    LESSONS.iter().chain(KIP848_LESSONS.iter().filter(|_| groupsim::CONSUMER_PROTOCOL))
}
