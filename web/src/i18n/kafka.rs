//! Kafka's states and the playground's invariants explained in the page's language. The state
//! names themselves stay as Kafka prints them.

use groupsim::{GroupState, Invariant};

use crate::lang::Lang;

/// What a group state means (the English is the core's [`GroupState::meaning`]).
pub fn group_state_meaning(state: GroupState, lang: Lang) -> &'static str {
    match lang.in_build() {
        Lang::En => state.meaning(),
        Lang::Zh => match state {
            GroupState::Empty => "组里没有成员，已提交的位移仍然保留。",
            GroupState::PreparingRebalance => "重平衡已开始：协调者在等每个成员重新加入。",
            GroupState::CompletingRebalance => "所有成员都已重新加入：协调者在等组长给出分配方案。",
            GroupState::Stable => "每个成员都拿到了分区，正在消费。",
            GroupState::Dead => "组里既没有成员也没有位移：正在被删除。",
        },
    }
}

/// What a consumer-protocol group's state means (reference §3.3).
pub fn consumer_state_meaning(
    state: groupsim::group::consumer::ConsumerGroupState,
    lang: Lang,
) -> &'static str {
    use groupsim::group::consumer::ConsumerGroupState as S;
    match state {
        S::Empty => lang.pick("No members; committed offsets remain.", "组里没有成员，已提交的位移仍然保留。"),
        S::Assigning => lang.pick(
            "The group epoch moved ahead: the coordinator computes a new target assignment at the next heartbeat.",
            "组纪元已前进：协调者会在下一次心跳时计算新的目标分配。",
        ),
        S::Reconciling => lang.pick(
            "Members walk towards the target: owners revoke first, then the others get what was freed. Nobody stops what it keeps.",
            "成员正在向目标分配靠拢：原拥有者先撤销分区，其他成员再拿到被释放的分区。保留下来的分区不会停止消费。",
        ),
        S::Stable => lang.pick("Every member has its target and consumes.", "每个成员都拿到了目标分配，正在消费。"),
        S::Dead => lang.pick("No members and no offsets: being deleted.", "组里既没有成员也没有位移：正在被删除。"),
    }
}

/// The invariant as a sentence (the English is the core's [`Invariant::statement`]).
pub fn invariant_statement(invariant: Invariant, lang: Lang) -> &'static str {
    match lang.in_build() {
        Lang::En => invariant.statement(),
        Lang::Zh => match invariant {
            Invariant::OneOwnerPerGeneration => "同一代内，每个分区最多只有一个拥有者",
            Invariant::CommitsNeverGoBackwards => "已提交位移只进不退",
            Invariant::NoSkippedRecords => "没有消息被跳过（不丢消息）",
            Invariant::DuplicatesOnlyAfterFailure => {
                "只有在故障前后才会重复处理：崩溃、断网、poll 超时、分区丢失，或关闭时最后一次提交没能成功"
            }
        },
    }
}

/// The invariant in two or three words, for its tick in the header.
pub fn invariant_short(invariant: Invariant, lang: Lang) -> &'static str {
    match invariant {
        Invariant::OneOwnerPerGeneration => lang.pick("one owner", "唯一拥有者"),
        Invariant::CommitsNeverGoBackwards => lang.pick("commits only advance", "提交只进不退"),
        Invariant::NoSkippedRecords => lang.pick("no loss", "不丢消息"),
        Invariant::DuplicatesOnlyAfterFailure => lang.pick("duplicates explained", "重复有因"),
    }
}
