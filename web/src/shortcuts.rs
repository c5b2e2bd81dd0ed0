//! The keyboard shortcuts: one table that both the key handler and the `?` help read.

/// An action a key triggers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// Play or pause.
    PlayPause,
    /// Step to the next event.
    Step,
    /// Jump 10 s ahead.
    Skip,
    /// One speed faster.
    Faster,
    /// One speed slower.
    Slower,
    /// Seek 5 s back.
    Back,
    /// Seek 5 s forward (up to the furthest point reached).
    Forward,
    /// Add a consumer with the default settings.
    AddConsumer,
    /// Kill the newest running consumer.
    KillNewest,
    /// Close the newest running consumer.
    CloseNewest,
    /// Put the run in the address bar as a share link.
    Share,
    /// Show or hide the shortcut list.
    Help,
    /// Hide the shortcut list.
    Dismiss,
}

/// (keys as `KeyboardEvent.key`, the label shown, the action, what it does in English and in
/// Chinese).
pub const SHORTCUTS: [(&[&str], &str, Shortcut, &str, &str); 13] = [
    (&[" "], "Space", Shortcut::PlayPause, "play / pause", "播放 / 暂停"),
    (&["n"], "N", Shortcut::Step, "step to the next event", "单步到下一个事件"),
    (&["f"], "F", Shortcut::Skip, "jump 10 s ahead", "快进 10 秒"),
    (&["+", "="], "+", Shortcut::Faster, "faster", "加速"),
    (&["-"], "−", Shortcut::Slower, "slower", "减速"),
    (&["ArrowLeft"], "←", Shortcut::Back, "rewind 5 s", "后退 5 秒"),
    (
        &["ArrowRight"],
        "→",
        Shortcut::Forward,
        "forward 5 s (up to the furthest point reached)",
        "前进 5 秒（最远到已经跑到的时刻）",
    ),
    (&["a"], "A", Shortcut::AddConsumer, "add a consumer (default settings)", "添加一个消费者（默认配置）"),
    (&["k"], "K", Shortcut::KillNewest, "kill the newest running consumer", "杀掉最新的运行中消费者"),
    (&["c"], "C", Shortcut::CloseNewest, "close the newest running consumer", "关闭最新的运行中消费者"),
    (&["l"], "L", Shortcut::Share, "put a share link in the address bar", "把分享链接放进地址栏"),
    (&["?"], "?", Shortcut::Help, "show / hide this list", "显示 / 隐藏此列表"),
    (&["Escape"], "Esc", Shortcut::Dismiss, "hide this list", "隐藏此列表"),
];

/// The action of a key, if it has one.
pub fn shortcut_for(key: &str) -> Option<Shortcut> {
    SHORTCUTS.iter().find(|(keys, ..)| keys.contains(&key)).map(|&(_, _, action, ..)| action)
}

/// Whether a key is a shortcut.
pub fn is_shortcut(key: &str) -> bool {
    shortcut_for(key).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_row_and_keys_are_unique() {
        let mut keys: Vec<&str> = SHORTCUTS.iter().flat_map(|(k, ..)| k.iter().copied()).collect();
        let all = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all, "a key is bound twice");
        assert_eq!(shortcut_for("k"), Some(Shortcut::KillNewest));
        assert_eq!(shortcut_for("x"), None);
    }
}
