//! One component type for every part of the page that Yew skips while its input is unchanged:
//! a partition lane, a member card with its head and buttons, the wire. Each was a component
//! type of its own, and every component type brings about 0.7 KB of Yew's code into the
//! download; as a [`Part`] drawn by the one [`Memo`] it brings its drawing function alone.

use std::any::Any;
use std::fmt;
use std::rc::Rc;

use yew::prelude::*;
use yew::virtual_dom::Key;

use crate::lang::{Lang, use_lang};

/// A part of the page: its input, compared to skip a redraw, and how to draw it.
pub trait Part: PartialEq + 'static {
    /// The part's markup in `lang`.
    fn draw(&self, lang: Lang) -> Html;
}

/// A [`Part`] of any type, as [`Memo`] holds it.
trait AnyPart {
    /// The same type with equal input.
    fn same(&self, other: &dyn AnyPart) -> bool;
    fn as_any(&self) -> &dyn Any;
    fn draw_in(&self, lang: Lang) -> Html;
}

impl<P: Part> AnyPart for P {
    fn same(&self, other: &dyn AnyPart) -> bool {
        other.as_any().downcast_ref::<P>().is_some_and(|other| other == self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn draw_in(&self, lang: Lang) -> Html {
        self.draw(lang)
    }
}

/// Props of [`Memo`].
#[derive(Properties)]
struct MemoProps {
    part: Rc<dyn AnyPart>,
}

impl PartialEq for MemoProps {
    fn eq(&self, other: &Self) -> bool {
        self.part.same(&*other.part)
    }
}

impl fmt::Debug for MemoProps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MemoProps")
    }
}

/// Draws its part again only when the part's input changed (or the language did).
#[function_component]
fn Memo(props: &MemoProps) -> Html {
    props.part.draw_in(use_lang())
}

/// `part`, skipped by Yew while its input equals the last one drawn at this place.
pub fn memo(part: impl Part) -> Html {
    html! { <Memo part={Rc::new(part) as Rc<dyn AnyPart>} /> }
}

/// [`memo`] for an item of a list, which Yew matches across redraws by `key`.
pub fn memo_keyed(key: impl Into<Key>, part: impl Part) -> Html {
    html! { <Memo key={key.into()} part={Rc::new(part) as Rc<dyn AnyPart>} /> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(PartialEq)]
    struct Count(u32);

    impl Part for Count {
        fn draw(&self, _lang: Lang) -> Html {
            html! { { self.0 } }
        }
    }

    #[derive(PartialEq)]
    struct Other(u32);

    impl Part for Other {
        fn draw(&self, _lang: Lang) -> Html {
            Html::default()
        }
    }

    fn props(part: impl Part) -> MemoProps {
        MemoProps { part: Rc::new(part) }
    }

    #[test]
    fn equal_input_of_the_same_part_is_skipped_and_anything_else_is_drawn() {
        assert!(props(Count(1)) == props(Count(1)));
        assert!(props(Count(1)) != props(Count(2)));
        // Equal numbers in two part types are two different parts.
        assert!(props(Count(1)) != props(Other(1)));
    }
}
