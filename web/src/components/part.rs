//! One component type for every part of the page that Yew skips while its input is unchanged
//! (a partition lane, a member card with its head and buttons, the wire) or that keeps state of
//! its own (the seed typed in the timeline, the tab chosen, the forms, a scroll box's place).
//! Each was a component type of its own, and every component type brings about 0.7 KB of Yew's
//! code into the download; as a [`Part`] drawn by the one [`Memo`] it brings its drawing
//! function alone. A place in the page holds one part type: were a part of another type drawn
//! there, it would start from its default state at every redraw until the place is made anew.

use std::any::Any;
use std::fmt;
use std::marker::PhantomData;
use std::rc::Rc;

use yew::prelude::*;
use yew::virtual_dom::Key;

use crate::lang::{Lang, use_lang};

/// A part of the page: its input, compared to skip a redraw, and how to draw it.
pub trait Part: PartialEq + 'static {
    /// What the part keeps between redraws (`()` for nothing): what a person typed or chose.
    type State: Default + Clone + 'static;

    /// The part's markup in `lang`, with its state.
    fn draw(&self, lang: Lang, state: &Local<Self::State>) -> Html;
}

/// A part's state: kept by its [`Memo`] from one redraw to the next; setting it redraws the part.
pub struct Local<S> {
    slot: UseStateHandle<Rc<dyn Any>>,
    _state: PhantomData<S>,
}

impl<S: Default + Clone + 'static> Local<S> {
    /// The state as of this redraw (its default until first set, and if the place held a part
    /// of another type before).
    pub fn get(&self) -> S {
        self.slot.downcast_ref::<S>().cloned().unwrap_or_default()
    }

    /// Changes the state and redraws the part.
    pub fn update(&self, change: impl FnOnce(&mut S)) {
        let mut state = self.get();
        change(&mut state);
        self.slot.set(Rc::new(state));
    }
}

impl<S> Clone for Local<S> {
    fn clone(&self) -> Self {
        Local { slot: self.slot.clone(), _state: PhantomData }
    }
}

impl<S> fmt::Debug for Local<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Local")
    }
}

/// A [`Part`] of any type, as [`Memo`] holds it.
trait AnyPart {
    /// The same type with equal input.
    fn same(&self, other: &dyn AnyPart) -> bool;
    fn as_any(&self) -> &dyn Any;
    /// A new state, the part's default: made once per place, so what it holds (a node
    /// reference) stays the same from one redraw to the next.
    fn initial(&self) -> Rc<dyn Any>;
    fn draw_in(&self, lang: Lang, slot: UseStateHandle<Rc<dyn Any>>) -> Html;
}

impl<P: Part> AnyPart for P {
    fn same(&self, other: &dyn AnyPart) -> bool {
        other.as_any().downcast_ref::<P>().is_some_and(|other| other == self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn initial(&self) -> Rc<dyn Any> {
        Rc::new(P::State::default())
    }

    fn draw_in(&self, lang: Lang, slot: UseStateHandle<Rc<dyn Any>>) -> Html {
        self.draw(lang, &Local { slot, _state: PhantomData })
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

/// Draws its part again only when the part's input changed, the language did or the part's
/// state was set.
#[function_component]
fn Memo(props: &MemoProps) -> Html {
    let lang = use_lang();
    let slot = use_state(|| props.part.initial());
    props.part.draw_in(lang, slot)
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
        type State = ();

        fn draw(&self, _lang: Lang, _state: &Local<()>) -> Html {
            html! { { self.0 } }
        }
    }

    #[derive(PartialEq)]
    struct Other(u32);

    impl Part for Other {
        type State = ();

        fn draw(&self, _lang: Lang, _state: &Local<()>) -> Html {
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
