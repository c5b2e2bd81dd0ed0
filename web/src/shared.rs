//! [`Shared`]: derived data handed to components, compared by identity. The page replaces the
//! `Rc` whenever the data changes (`Rc::make_mut` copies a shared one), so "same pointer" means
//! "unchanged": no component compares hundreds of log lines to decide whether to redraw.

use std::ops::Deref;
use std::rc::Rc;

/// An `Rc` whose equality is identity.
#[derive(Debug, Default)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> Shared<T> {
    /// The data, to change: copied first if a component still holds it.
    pub fn make_mut(&mut self) -> &mut T {
        Rc::make_mut(&mut self.0)
    }
}
