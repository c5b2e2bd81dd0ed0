//! Why the world refused a command, in the page's language (the English is the core's
//! [`SimError`] `Display`). A setting's own reason comes from the core's config check and stays
//! in English, with Kafka's config keys in it.

use groupsim::{MAX_RATE, SimError};

use crate::lang::Lang;

/// The refusal as a sentence in `lang`.
pub fn sim_error(error: &SimError, lang: Lang) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        SimError::UnknownTopic(t) => format!("没有名为“{t}”的主题"),
        SimError::TopicExists(t) => format!("名为“{t}”的主题已经存在"),
        SimError::InvalidTopicName(t) => {
            format!("“{t}”不是合法的主题名：请用 1 到 249 个字母、数字、'.'、'_' 或 '-'")
        }
        SimError::InvalidPartitionCount { requested, min, max } => {
            format!("这里不能用 {requested} 个分区：请选 {min} 到 {max} 个")
        }
        SimError::InvalidRate(r) => format!("每秒 {r} 条太快了：一个生产者每秒最多发送 {MAX_RATE} 条"),
        SimError::UnknownProducer(p) => format!("没有 producer-{}", p + 1),
        SimError::ProducerRemoved(p) => format!("producer-{} 已被移除", p + 1),
        SimError::UnknownConsumer(c) => format!("没有 consumer-{}", c + 1),
        SimError::ConsumerNotRunning(c) => format!("consumer-{} 已经不在运行了", c + 1),
        SimError::ConsumerStillRunning(c) => {
            format!("consumer-{} 还在运行：先关闭或杀掉它，才能重启", c + 1)
        }
        SimError::InvalidSetting(why) => format!("配置无效：{why}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_reads_in_either_language() {
        let e = SimError::ConsumerStillRunning(1);
        assert_eq!(sim_error(&e, Lang::En), e.to_string());
        assert_eq!(sim_error(&e, Lang::Zh), "consumer-2 还在运行：先关闭或杀掉它，才能重启");
        assert_eq!(sim_error(&SimError::UnknownConsumer(8), Lang::Zh), "没有 consumer-9");
    }
}
