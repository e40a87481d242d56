//! The structure tree as the composer builds it: elements in reading order, whose leaves
//! are numbered pieces of marked content on the pages.

/// Which header a table header cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Column,
    Row,
}

/// A structure element's type (PDF 1.7 standard structure types).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// `H1`…`H6`, with the heading's text as its title.
    Heading(u8, String),
    P,
    Caption,
    Table,
    TableHead,
    TableBody,
    TableRow,
    HeaderCell(Scope),
    DataCell,
    List {
        numbered: bool,
    },
    ListItem,
    Label,
    ListBody,
    /// A chart: its alternative text, and where it is drawn (left, top, width, height on
    /// page `page`).
    Figure {
        alt: String,
        bbox: (f64, f64, f64, f64),
        page: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Element(Kind, Vec<Node>),
    /// Marked content number `n` in drawing order.
    Leaf(usize),
}

/// A tree built top-down: `open` an element, add leaves and children, `close` it.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    pub(crate) roots: Vec<Node>,
    open: Vec<(Kind, Vec<Node>)>,
    leaves: usize,
}

impl Tree {
    pub(crate) fn open(&mut self, kind: Kind) {
        self.open.push((kind, Vec::new()));
    }

    pub(crate) fn close(&mut self) {
        if let Some((kind, children)) = self.open.pop() {
            self.add(Node::Element(kind, children));
        }
    }

    /// A new leaf in the open element.
    pub(crate) fn leaf(&mut self) -> usize {
        let n = self.leaves;
        self.leaves += 1;
        self.add(Node::Leaf(n));
        n
    }

    pub(crate) fn leaves(&self) -> usize {
        self.leaves
    }

    fn add(&mut self, node: Node) {
        match self.open.last_mut() {
            Some((_, children)) => children.push(node),
            None => self.roots.push(node),
        }
    }

    /// Closes whatever is still open, so the tree is whole.
    pub(crate) fn finish(&mut self) {
        while !self.open.is_empty() {
            self.close();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_number_in_reading_order_and_nest_where_opened() {
        let mut t = Tree::default();
        t.open(Kind::P);
        assert_eq!(t.leaf(), 0);
        t.close();
        t.open(Kind::Table);
        t.open(Kind::TableRow);
        assert_eq!(t.leaf(), 1);
        t.finish();
        assert_eq!(
            t.roots,
            vec![
                Node::Element(Kind::P, vec![Node::Leaf(0)]),
                Node::Element(Kind::Table, vec![Node::Element(Kind::TableRow, vec![Node::Leaf(1)])])
            ]
        );
        assert_eq!(t.leaves(), 2);
    }
}
