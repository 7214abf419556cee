import { createRequire as __dgCreateRequire } from 'node:module'; const require = __dgCreateRequire(import.meta.url);

// src/parse/grammars.ts
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";

// node_modules/web-tree-sitter/web-tree-sitter.js
var __defProp = Object.defineProperty;
var __name = (target, value) => __defProp(target, "name", { value, configurable: true });
var Edit = class {
  static {
    __name(this, "Edit");
  }
  /** The start position of the change. */
  startPosition;
  /** The end position of the change before the edit. */
  oldEndPosition;
  /** The end position of the change after the edit. */
  newEndPosition;
  /** The start index of the change. */
  startIndex;
  /** The end index of the change before the edit. */
  oldEndIndex;
  /** The end index of the change after the edit. */
  newEndIndex;
  constructor({
    startIndex,
    oldEndIndex,
    newEndIndex,
    startPosition,
    oldEndPosition,
    newEndPosition
  }) {
    this.startIndex = startIndex >>> 0;
    this.oldEndIndex = oldEndIndex >>> 0;
    this.newEndIndex = newEndIndex >>> 0;
    this.startPosition = startPosition;
    this.oldEndPosition = oldEndPosition;
    this.newEndPosition = newEndPosition;
  }
  /**
   * Edit a point and index to keep it in-sync with source code that has been edited.
   *
   * This function updates a single point's byte offset and row/column position
   * based on an edit operation. This is useful for editing points without
   * requiring a tree or node instance.
   */
  editPoint(point, index) {
    let newIndex = index;
    const newPoint = { ...point };
    if (index >= this.oldEndIndex) {
      newIndex = this.newEndIndex + (index - this.oldEndIndex);
      const originalRow = point.row;
      newPoint.row = this.newEndPosition.row + (point.row - this.oldEndPosition.row);
      newPoint.column = originalRow === this.oldEndPosition.row ? this.newEndPosition.column + (point.column - this.oldEndPosition.column) : point.column;
    } else if (index > this.startIndex) {
      newIndex = this.newEndIndex;
      newPoint.row = this.newEndPosition.row;
      newPoint.column = this.newEndPosition.column;
    }
    return { point: newPoint, index: newIndex };
  }
  /**
   * Edit a range to keep it in-sync with source code that has been edited.
   *
   * This function updates a range's start and end positions based on an edit
   * operation. This is useful for editing ranges without requiring a tree
   * or node instance.
   */
  editRange(range) {
    const newRange = {
      startIndex: range.startIndex,
      startPosition: { ...range.startPosition },
      endIndex: range.endIndex,
      endPosition: { ...range.endPosition }
    };
    if (range.endIndex >= this.oldEndIndex) {
      if (range.endIndex !== Number.MAX_SAFE_INTEGER) {
        newRange.endIndex = this.newEndIndex + (range.endIndex - this.oldEndIndex);
        newRange.endPosition = {
          row: this.newEndPosition.row + (range.endPosition.row - this.oldEndPosition.row),
          column: range.endPosition.row === this.oldEndPosition.row ? this.newEndPosition.column + (range.endPosition.column - this.oldEndPosition.column) : range.endPosition.column
        };
        if (newRange.endIndex < this.newEndIndex) {
          newRange.endIndex = Number.MAX_SAFE_INTEGER;
          newRange.endPosition = { row: Number.MAX_SAFE_INTEGER, column: Number.MAX_SAFE_INTEGER };
        }
      }
    } else if (range.endIndex > this.startIndex) {
      newRange.endIndex = this.startIndex;
      newRange.endPosition = { ...this.startPosition };
    }
    if (range.startIndex >= this.oldEndIndex) {
      newRange.startIndex = this.newEndIndex + (range.startIndex - this.oldEndIndex);
      newRange.startPosition = {
        row: this.newEndPosition.row + (range.startPosition.row - this.oldEndPosition.row),
        column: range.startPosition.row === this.oldEndPosition.row ? this.newEndPosition.column + (range.startPosition.column - this.oldEndPosition.column) : range.startPosition.column
      };
      if (newRange.startIndex < this.newEndIndex) {
        newRange.startIndex = Number.MAX_SAFE_INTEGER;
        newRange.startPosition = { row: Number.MAX_SAFE_INTEGER, column: Number.MAX_SAFE_INTEGER };
      }
    } else if (range.startIndex > this.startIndex) {
      newRange.startIndex = this.startIndex;
      newRange.startPosition = { ...this.startPosition };
    }
    return newRange;
  }
};
var SIZE_OF_SHORT = 2;
var SIZE_OF_INT = 4;
var SIZE_OF_CURSOR = 4 * SIZE_OF_INT;
var SIZE_OF_NODE = 5 * SIZE_OF_INT;
var SIZE_OF_POINT = 2 * SIZE_OF_INT;
var SIZE_OF_RANGE = 2 * SIZE_OF_INT + 2 * SIZE_OF_POINT;
var ZERO_POINT = { row: 0, column: 0 };
var INTERNAL = /* @__PURE__ */ Symbol("INTERNAL");
function assertInternal(x) {
  if (x !== INTERNAL) throw new Error("Illegal constructor");
}
__name(assertInternal, "assertInternal");
function isPoint(point) {
  return !!point && typeof point.row === "number" && typeof point.column === "number";
}
__name(isPoint, "isPoint");
function setModule(module2) {
  C = module2;
}
__name(setModule, "setModule");
var C;
function newFinalizer(handler) {
  try {
    return new FinalizationRegistry(handler);
  } catch (e) {
    console.error("Unsupported FinalizationRegistry:", e);
    return;
  }
}
__name(newFinalizer, "newFinalizer");
var finalizer = newFinalizer((address) => {
  C._ts_lookahead_iterator_delete(address);
});
var LookaheadIterator = class {
  static {
    __name(this, "LookaheadIterator");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  language;
  /** @internal */
  positioned = false;
  /** @internal */
  constructor(internal, address, language) {
    assertInternal(internal);
    this[0] = address;
    this.language = language;
    finalizer?.register(this, address, this);
  }
  /**
   * Get the current symbol of the lookahead iterator.
   *
   * Returns `null` if the iterator is not positioned on a symbol:
   *
   * - Before the first iteration step
   * - After the iterator is exhausted
   * - After a {@link reset} or {@link resetState} call
   */
  get currentTypeId() {
    return this.positioned ? C._ts_lookahead_iterator_current_symbol(this[0]) : null;
  }
  /**
   * Get the current symbol name of the lookahead iterator.
   *
   * Returns `null` if the iterator is not positioned on a symbol.
   */
  get currentType() {
    const id = this.currentTypeId;
    if (id === null) return null;
    return this.language.types[id] ?? C.UTF8ToString(C._ts_language_symbol_name(this.language[0], id));
  }
  /** Delete the lookahead iterator, freeing its resources. */
  delete() {
    finalizer?.unregister(this);
    C._ts_lookahead_iterator_delete(this[0]);
    this[0] = 0;
  }
  /**
   * Reset the lookahead iterator.
   *
   * This returns `true` if the language was set successfully and `false`
   * otherwise.
   */
  reset(language, stateId) {
    if (C._ts_lookahead_iterator_reset(this[0], language[0], stateId)) {
      this.language = language;
      this.positioned = false;
      return true;
    }
    return false;
  }
  /**
   * Reset the lookahead iterator to another state.
   *
   * This returns `true` if the iterator was reset to the given state and
   * `false` otherwise.
   */
  resetState(stateId) {
    if (!C._ts_lookahead_iterator_reset_state(this[0], stateId)) return false;
    this.positioned = false;
    return true;
  }
  /**
   * Returns an iterator that iterates over the symbols of the lookahead iterator.
   *
   * The iterator will yield the current symbol name as a string for each step
   * until there are no more symbols to iterate over.
   */
  [Symbol.iterator]() {
    return {
      next: /* @__PURE__ */ __name(() => {
        this.positioned = Boolean(C._ts_lookahead_iterator_next(this[0]));
        const value = this.currentType;
        return value === null ? { done: true, value: "" } : { done: false, value };
      }, "next")
    };
  }
};
function getText(tree, startIndex, endIndex, startPosition) {
  const length = endIndex - startIndex;
  let result = tree.textCallback(startIndex, startPosition);
  if (result) {
    startIndex += result.length;
    while (startIndex < endIndex) {
      const string = tree.textCallback(startIndex, startPosition);
      if (string && string.length > 0) {
        startIndex += string.length;
        result += string;
      } else {
        break;
      }
    }
    if (startIndex > endIndex) {
      result = result.slice(0, length);
    }
  }
  return result ?? "";
}
__name(getText, "getText");
var finalizer2 = newFinalizer((address) => {
  C._ts_tree_delete(address);
});
var Tree = class _Tree {
  static {
    __name(this, "Tree");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  textCallback;
  /** The language that was used to parse the syntax tree. */
  language;
  /** @internal */
  constructor(internal, address, language, textCallback) {
    assertInternal(internal);
    this[0] = address;
    this.language = language;
    this.textCallback = textCallback;
    finalizer2?.register(this, address, this);
  }
  /** Create a shallow copy of the syntax tree. This is very fast. */
  copy() {
    const address = C._ts_tree_copy(this[0]);
    return new _Tree(INTERNAL, address, this.language, this.textCallback);
  }
  /** Delete the syntax tree, freeing its resources. */
  delete() {
    finalizer2?.unregister(this);
    C._ts_tree_delete(this[0]);
    this[0] = 0;
  }
  /** Get the root node of the syntax tree. */
  get rootNode() {
    C._ts_tree_root_node_wasm(this[0]);
    return unmarshalNode(this);
  }
  /**
   * Get the root node of the syntax tree, but with its position shifted
   * forward by the given offset.
   */
  rootNodeWithOffset(offsetBytes, offsetExtent) {
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, offsetBytes, "i32");
    marshalPoint(address + SIZE_OF_INT, offsetExtent);
    C._ts_tree_root_node_with_offset_wasm(this[0]);
    return unmarshalNode(this);
  }
  /**
   * Edit the syntax tree to keep it in sync with source code that has been
   * edited.
   *
   * You must describe the edit both in terms of byte offsets and in terms of
   * row/column coordinates.
   */
  edit(edit) {
    marshalEdit(edit);
    C._ts_tree_edit_wasm(this[0]);
  }
  /** Create a new {@link TreeCursor} starting from the root of the tree. */
  walk() {
    return this.rootNode.walk();
  }
  /**
   * Compare this old edited syntax tree to a new syntax tree representing
   * the same document, returning a sequence of ranges whose syntactic
   * structure has changed.
   *
   * For this to work correctly, this syntax tree must have been edited such
   * that its ranges match up to the new tree. Generally, you'll want to
   * call this method right after calling one of the [`Parser::parse`]
   * functions. Call it on the old tree that was passed to parse, and
   * pass the new tree that was returned from `parse`.
   */
  getChangedRanges(other) {
    if (!(other instanceof _Tree)) {
      throw new TypeError("Argument must be a Tree");
    }
    C._ts_tree_get_changed_ranges_wasm(this[0], other[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalRange(address);
        address += SIZE_OF_RANGE;
      }
      C._free(buffer);
    }
    return result;
  }
  /** Get the included ranges that were used to parse the syntax tree. */
  getIncludedRanges() {
    C._ts_tree_included_ranges_wasm(this[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalRange(address);
        address += SIZE_OF_RANGE;
      }
      C._free(buffer);
    }
    return result;
  }
};
var finalizer3 = newFinalizer((handles) => {
  marshalTreeCursor({ handles });
  C._ts_tree_cursor_delete_wasm(0);
});
var TreeCursor = class _TreeCursor {
  static {
    __name(this, "TreeCursor");
  }
  /** @internal */
  handles = [0, 0, 0, 0];
  // Internal handles for Wasm, shared with the finalizer.
  /** @internal */
  tree;
  /** @internal */
  constructor(internal, tree) {
    assertInternal(internal);
    this.tree = tree;
    unmarshalTreeCursor(this);
    finalizer3?.register(this, this.handles, this);
  }
  /** Creates a deep copy of the tree cursor. This allocates new memory. */
  copy() {
    marshalTreeCursor(this);
    C._ts_tree_cursor_copy_wasm(this.tree[0]);
    return new _TreeCursor(INTERNAL, this.tree);
  }
  /** Delete the tree cursor, freeing its resources. */
  delete() {
    finalizer3?.unregister(this);
    marshalTreeCursor(this);
    C._ts_tree_cursor_delete_wasm(this.tree[0]);
    this.handles.fill(0);
  }
  /** Get the tree cursor's current {@link Node}. */
  get currentNode() {
    marshalTreeCursor(this);
    C._ts_tree_cursor_current_node_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get the numerical field id of this tree cursor's current node.
   *
   * See also {@link TreeCursor#currentFieldName}.
   */
  get currentFieldId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_field_id_wasm(this.tree[0]);
  }
  /** Get the field name of this tree cursor's current node. */
  get currentFieldName() {
    return this.tree.language.fields[this.currentFieldId];
  }
  /**
   * Get the depth of the cursor's current node relative to the original
   * node that the cursor was constructed with.
   */
  get currentDepth() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_depth_wasm(this.tree[0]);
  }
  /**
   * Get the index of the cursor's current node out of all of the
   * descendants of the original node that the cursor was constructed with.
   */
  get currentDescendantIndex() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_descendant_index_wasm(this.tree[0]);
  }
  /** Get the type of the cursor's current node. */
  get nodeType() {
    return this.tree.language.types[this.nodeTypeId] || "ERROR";
  }
  /** Get the type id of the cursor's current node. */
  get nodeTypeId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_type_id_wasm(this.tree[0]);
  }
  /** Get the state id of the cursor's current node. */
  get nodeStateId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_state_id_wasm(this.tree[0]);
  }
  /** Get the id of the cursor's current node. */
  get nodeId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_id_wasm(this.tree[0]);
  }
  /**
   * Check if the cursor's current node is *named*.
   *
   * Named nodes correspond to named rules in the grammar, whereas
   * *anonymous* nodes correspond to string literals in the grammar.
   */
  get nodeIsNamed() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_is_named_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if the cursor's current node is *missing*.
   *
   * Missing nodes are inserted by the parser in order to recover from
   * certain kinds of syntax errors.
   */
  get nodeIsMissing() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_is_missing_wasm(this.tree[0]) === 1;
  }
  /** Get the string content of the cursor's current node. */
  get nodeText() {
    marshalTreeCursor(this);
    const startIndex = C._ts_tree_cursor_start_index_wasm(this.tree[0]);
    const endIndex = C._ts_tree_cursor_end_index_wasm(this.tree[0]);
    C._ts_tree_cursor_start_position_wasm(this.tree[0]);
    const startPosition = unmarshalPoint(TRANSFER_BUFFER);
    return getText(this.tree, startIndex, endIndex, startPosition);
  }
  /** Get the start position of the cursor's current node. */
  get startPosition() {
    marshalTreeCursor(this);
    C._ts_tree_cursor_start_position_wasm(this.tree[0]);
    return unmarshalPoint(TRANSFER_BUFFER);
  }
  /** Get the end position of the cursor's current node. */
  get endPosition() {
    marshalTreeCursor(this);
    C._ts_tree_cursor_end_position_wasm(this.tree[0]);
    return unmarshalPoint(TRANSFER_BUFFER);
  }
  /** Get the start index of the cursor's current node. */
  get startIndex() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_start_index_wasm(this.tree[0]);
  }
  /** Get the end index of the cursor's current node. */
  get endIndex() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_end_index_wasm(this.tree[0]);
  }
  /**
   * Move this cursor to the first child of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there were no children.
   */
  gotoFirstChild() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_first_child_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the last child of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there were no children.
   *
   * Note that this function may be slower than
   * {@link TreeCursor#gotoFirstChild} because it needs to
   * iterate through all the children to compute the child's position.
   */
  gotoLastChild() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_last_child_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the parent of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there was no parent node (the cursor was already on the
   * root node).
   *
   * Note that the node the cursor was constructed with is considered the root
   * of the cursor, and the cursor cannot walk outside this node.
   */
  gotoParent() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_parent_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the next sibling of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there was no next sibling node.
   *
   * Note that the node the cursor was constructed with is considered the root
   * of the cursor, and the cursor cannot walk outside this node.
   */
  gotoNextSibling() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_next_sibling_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the previous sibling of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there was no previous sibling node.
   *
   * Note that this function may be slower than
   * {@link TreeCursor#gotoNextSibling} due to how node
   * positions are stored. In the worst case, this will need to iterate
   * through all the children up to the previous sibling node to recalculate
   * its position. Also note that the node the cursor was constructed with is
   * considered the root of the cursor, and the cursor cannot walk outside this node.
   */
  gotoPreviousSibling() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_previous_sibling_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move the cursor to the node that is the nth descendant of
   * the original node that the cursor was constructed with, where
   * zero represents the original node itself.
   */
  gotoDescendant(goalDescendantIndex) {
    marshalTreeCursor(this);
    C._ts_tree_cursor_goto_descendant_wasm(this.tree[0], goalDescendantIndex);
    unmarshalTreeCursor(this);
  }
  /**
   * Move this cursor to the first child of its current node that contains or
   * starts after the given byte offset.
   *
   * This returns `true` if the cursor successfully moved to a child node, and returns
   * `false` if no such child was found.
   */
  gotoFirstChildForIndex(goalIndex) {
    marshalTreeCursor(this);
    C.setValue(TRANSFER_BUFFER + SIZE_OF_CURSOR, goalIndex, "i32");
    const result = C._ts_tree_cursor_goto_first_child_for_index_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the first child of its current node that contains or
   * starts after the given position.
   *
   * This returns `true` if the cursor successfully moved to a child node, and returns
   * `false` if no such child was found.
   */
  gotoFirstChildForPosition(goalPosition) {
    marshalTreeCursor(this);
    marshalPoint(TRANSFER_BUFFER + SIZE_OF_CURSOR, goalPosition);
    const result = C._ts_tree_cursor_goto_first_child_for_position_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Re-initialize this tree cursor to start at the original node that the
   * cursor was constructed with.
   */
  reset(node) {
    marshalNode(node);
    marshalTreeCursor(this, TRANSFER_BUFFER + SIZE_OF_NODE);
    C._ts_tree_cursor_reset_wasm(node.tree[0]);
    unmarshalTreeCursor(this);
    this.tree = node.tree;
  }
  /**
   * Re-initialize a tree cursor to the same position as another cursor.
   *
   * Unlike {@link TreeCursor#reset}, this will not lose parent
   * information and allows reusing already created cursors.
   */
  resetTo(cursor) {
    marshalTreeCursor(this, TRANSFER_BUFFER);
    marshalTreeCursor(cursor, TRANSFER_BUFFER + SIZE_OF_CURSOR);
    C._ts_tree_cursor_reset_to_wasm(this.tree[0], cursor.tree[0]);
    unmarshalTreeCursor(this);
    this.tree = cursor.tree;
  }
};
var Node = class {
  static {
    __name(this, "Node");
  }
  /** @internal */
  // @ts-expect-error: never read
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  _children;
  /** @internal */
  _namedChildren;
  /** @internal */
  constructor(internal, {
    id,
    tree,
    startIndex,
    startPosition,
    other
  }) {
    assertInternal(internal);
    this[0] = other;
    this.id = id;
    this.tree = tree;
    this.startIndex = startIndex;
    this.startPosition = startPosition;
  }
  /**
   * The numeric id for this node that is unique.
   *
   * Within a given syntax tree, no two nodes have the same id. However:
   *
   * * If a new tree is created based on an older tree, and a node from the old tree is reused in
   *   the process, then that node will have the same id in both trees.
   *
   * * A node not marked as having changes does not guarantee it was reused.
   *
   * * If a node is marked as having changed in the old tree, it will not be reused.
   */
  id;
  /** The byte index where this node starts. */
  startIndex;
  /** The position where this node starts. */
  startPosition;
  /** The tree that this node belongs to. */
  tree;
  /** Get this node's type as a numerical id. */
  get typeId() {
    marshalNode(this);
    return C._ts_node_symbol_wasm(this.tree[0]);
  }
  /**
   * Get the node's type as a numerical id as it appears in the grammar,
   * ignoring aliases.
   */
  get grammarId() {
    marshalNode(this);
    return C._ts_node_grammar_symbol_wasm(this.tree[0]);
  }
  /** Get this node's type as a string. */
  get type() {
    return this.tree.language.types[this.typeId] || "ERROR";
  }
  /**
   * Get this node's symbol name as it appears in the grammar, ignoring
   * aliases as a string.
   */
  get grammarType() {
    return this.tree.language.types[this.grammarId] || "ERROR";
  }
  /**
   * Check if this node is *named*.
   *
   * Named nodes correspond to named rules in the grammar, whereas
   * *anonymous* nodes correspond to string literals in the grammar.
   */
  get isNamed() {
    marshalNode(this);
    return C._ts_node_is_named_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node is *extra*.
   *
   * Extra nodes represent things like comments, which are not required
   * by the grammar, but can appear anywhere.
   */
  get isExtra() {
    marshalNode(this);
    return C._ts_node_is_extra_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node represents a syntax error.
   *
   * Syntax errors represent parts of the code that could not be incorporated
   * into a valid syntax tree.
   */
  get isError() {
    marshalNode(this);
    return C._ts_node_is_error_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node is *missing*.
   *
   * Missing nodes are inserted by the parser in order to recover from
   * certain kinds of syntax errors.
   */
  get isMissing() {
    marshalNode(this);
    return C._ts_node_is_missing_wasm(this.tree[0]) === 1;
  }
  /** Check if this node has been edited. */
  get hasChanges() {
    marshalNode(this);
    return C._ts_node_has_changes_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node represents a syntax error or contains any syntax
   * errors anywhere within it.
   */
  get hasError() {
    marshalNode(this);
    return C._ts_node_has_error_wasm(this.tree[0]) === 1;
  }
  /** Get the byte index where this node ends. */
  get endIndex() {
    marshalNode(this);
    return C._ts_node_end_index_wasm(this.tree[0]);
  }
  /** Get the position where this node ends. */
  get endPosition() {
    marshalNode(this);
    C._ts_node_end_point_wasm(this.tree[0]);
    return unmarshalPoint(TRANSFER_BUFFER);
  }
  /** Get the string content of this node. */
  get text() {
    return getText(this.tree, this.startIndex, this.endIndex, this.startPosition);
  }
  /** Get this node's parse state. */
  get parseState() {
    marshalNode(this);
    return C._ts_node_parse_state_wasm(this.tree[0]);
  }
  /** Get the parse state after this node. */
  get nextParseState() {
    marshalNode(this);
    return C._ts_node_next_parse_state_wasm(this.tree[0]);
  }
  /** Check if this node is equal to another node. */
  equals(other) {
    return this.tree === other.tree && this.id === other.id;
  }
  /**
   * Get the node's child at the given index, where zero represents the first child.
   *
   * This method is fairly fast, but its cost is technically log(n), so if
   * you might be iterating over a long list of children, you should use
   * {@link Node#children} instead.
   */
  child(index) {
    marshalNode(this);
    C._ts_node_child_wasm(this.tree[0], index);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's *named* child at the given index.
   *
   * See also {@link Node#isNamed}.
   * This method is fairly fast, but its cost is technically log(n), so if
   * you might be iterating over a long list of children, you should use
   * {@link Node#namedChildren} instead.
   */
  namedChild(index) {
    marshalNode(this);
    C._ts_node_named_child_wasm(this.tree[0], index);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's child with the given numerical field id.
   *
   * See also {@link Node#childForFieldName}. You can
   * convert a field name to an id using {@link Language#fieldIdForName}.
   */
  childForFieldId(fieldId) {
    marshalNode(this);
    C._ts_node_child_by_field_id_wasm(this.tree[0], fieldId);
    return unmarshalNode(this.tree);
  }
  /**
   * Get the first child with the given field name.
   *
   * If multiple children may have the same field name, access them using
   * {@link Node#childrenForFieldName}.
   */
  childForFieldName(fieldName) {
    const fieldId = this.tree.language.fields.indexOf(fieldName);
    if (fieldId !== -1) return this.childForFieldId(fieldId);
    return null;
  }
  /** Get the field name of this node's child at the given index. */
  fieldNameForChild(index) {
    marshalNode(this);
    const address = C._ts_node_field_name_for_child_wasm(this.tree[0], index);
    if (!address) return null;
    return C.AsciiToString(address);
  }
  /** Get the field name of this node's named child at the given index. */
  fieldNameForNamedChild(index) {
    marshalNode(this);
    const address = C._ts_node_field_name_for_named_child_wasm(this.tree[0], index);
    if (!address) return null;
    return C.AsciiToString(address);
  }
  /**
   * Get an array of this node's children with a given field name.
   *
   * See also {@link Node#children}.
   */
  childrenForFieldName(fieldName) {
    const fieldId = this.tree.language.fields.indexOf(fieldName);
    if (fieldId !== -1 && fieldId !== 0) return this.childrenForFieldId(fieldId);
    return [];
  }
  /**
    * Get an array of this node's children with a given field id.
    *
    * See also {@link Node#childrenForFieldName}.
    */
  childrenForFieldId(fieldId) {
    marshalNode(this);
    C._ts_node_children_by_field_id_wasm(this.tree[0], fieldId);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalNode(this.tree, address);
        address += SIZE_OF_NODE;
      }
      C._free(buffer);
    }
    return result;
  }
  /** Get the node's first child that contains or starts after the given byte offset. */
  firstChildForIndex(index) {
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, index, "i32");
    C._ts_node_first_child_for_byte_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the node's first named child that contains or starts after the given byte offset. */
  firstNamedChildForIndex(index) {
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, index, "i32");
    C._ts_node_first_named_child_for_byte_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get this node's number of children. */
  get childCount() {
    marshalNode(this);
    return C._ts_node_child_count_wasm(this.tree[0]);
  }
  /**
   * Get this node's number of *named* children.
   *
   * See also {@link Node#isNamed}.
   */
  get namedChildCount() {
    marshalNode(this);
    return C._ts_node_named_child_count_wasm(this.tree[0]);
  }
  /** Get this node's first child. */
  get firstChild() {
    return this.child(0);
  }
  /**
   * Get this node's first named child.
   *
   * See also {@link Node#isNamed}.
   */
  get firstNamedChild() {
    return this.namedChild(0);
  }
  /** Get this node's last child. */
  get lastChild() {
    return this.child(this.childCount - 1);
  }
  /**
   * Get this node's last named child.
   *
   * See also {@link Node#isNamed}.
   */
  get lastNamedChild() {
    return this.namedChild(this.namedChildCount - 1);
  }
  /**
   * Iterate over this node's children.
   *
   * If you're walking the tree recursively, you may want to use the
   * {@link TreeCursor} APIs directly instead.
   */
  get children() {
    if (!this._children) {
      marshalNode(this);
      C._ts_node_children_wasm(this.tree[0]);
      const count = C.getValue(TRANSFER_BUFFER, "i32");
      const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
      this._children = new Array(count);
      if (count > 0) {
        let address = buffer;
        for (let i2 = 0; i2 < count; i2++) {
          this._children[i2] = unmarshalNode(this.tree, address);
          address += SIZE_OF_NODE;
        }
        C._free(buffer);
      }
    }
    return this._children;
  }
  /**
   * Iterate over this node's named children.
   *
   * See also {@link Node#children}.
   */
  get namedChildren() {
    if (!this._namedChildren) {
      marshalNode(this);
      C._ts_node_named_children_wasm(this.tree[0]);
      const count = C.getValue(TRANSFER_BUFFER, "i32");
      const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
      this._namedChildren = new Array(count);
      if (count > 0) {
        let address = buffer;
        for (let i2 = 0; i2 < count; i2++) {
          this._namedChildren[i2] = unmarshalNode(this.tree, address);
          address += SIZE_OF_NODE;
        }
        C._free(buffer);
      }
    }
    return this._namedChildren;
  }
  /**
   * Get the descendants of this node that are the given type, or in the given types array.
   *
   * The types array should contain node type strings, which can be retrieved from {@link Language#types}.
   *
   * Additionally, a `startPosition` and `endPosition` can be passed in to restrict the search to a byte range.
   */
  descendantsOfType(types, startPosition = ZERO_POINT, endPosition = ZERO_POINT) {
    if (!Array.isArray(types)) types = [types];
    const symbols = [];
    const typesBySymbol = this.tree.language.types;
    for (let i2 = 0, n = typesBySymbol.length; i2 < n; i2++) {
      if (types.includes(typesBySymbol[i2])) {
        symbols.push(i2);
      }
    }
    if (types.includes("ERROR")) {
      symbols.push(65535);
    }
    const symbolsAddress = C._malloc(SIZE_OF_INT * symbols.length);
    for (let i2 = 0, n = symbols.length; i2 < n; i2++) {
      C.setValue(symbolsAddress + i2 * SIZE_OF_INT, symbols[i2], "i32");
    }
    marshalNode(this);
    C._ts_node_descendants_of_type_wasm(
      this.tree[0],
      symbolsAddress,
      symbols.length,
      startPosition.row,
      startPosition.column,
      endPosition.row,
      endPosition.column
    );
    const descendantCount = C.getValue(TRANSFER_BUFFER, "i32");
    const descendantAddress = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(descendantCount);
    if (descendantCount > 0) {
      let address = descendantAddress;
      for (let i2 = 0; i2 < descendantCount; i2++) {
        result[i2] = unmarshalNode(this.tree, address);
        address += SIZE_OF_NODE;
      }
    }
    C._free(descendantAddress);
    C._free(symbolsAddress);
    return result;
  }
  /** Get this node's next sibling. */
  get nextSibling() {
    marshalNode(this);
    C._ts_node_next_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get this node's previous sibling. */
  get previousSibling() {
    marshalNode(this);
    C._ts_node_prev_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's next *named* sibling.
   *
   * See also {@link Node#isNamed}.
   */
  get nextNamedSibling() {
    marshalNode(this);
    C._ts_node_next_named_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's previous *named* sibling.
   *
   * See also {@link Node#isNamed}.
   */
  get previousNamedSibling() {
    marshalNode(this);
    C._ts_node_prev_named_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the node's number of descendants, including one for the node itself. */
  get descendantCount() {
    marshalNode(this);
    return C._ts_node_descendant_count_wasm(this.tree[0]);
  }
  /**
   * Get this node's immediate parent.
   * Prefer {@link Node#childWithDescendant} for iterating over this node's ancestors.
   */
  get parent() {
    marshalNode(this);
    C._ts_node_parent_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get the node that contains `descendant`.
   *
   * Note that this can return `descendant` itself.
   */
  childWithDescendant(descendant) {
    marshalNode(this);
    marshalNode(descendant, 1);
    C._ts_node_child_with_descendant_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest node within this node that spans the given byte range. */
  descendantForIndex(start2, end = start2) {
    if (typeof start2 !== "number" || typeof end !== "number") {
      throw new Error("Arguments must be numbers");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, start2, "i32");
    C.setValue(address + SIZE_OF_INT, end, "i32");
    C._ts_node_descendant_for_index_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest named node within this node that spans the given byte range. */
  namedDescendantForIndex(start2, end = start2) {
    if (typeof start2 !== "number" || typeof end !== "number") {
      throw new Error("Arguments must be numbers");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, start2, "i32");
    C.setValue(address + SIZE_OF_INT, end, "i32");
    C._ts_node_named_descendant_for_index_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest node within this node that spans the given point range. */
  descendantForPosition(start2, end = start2) {
    if (!isPoint(start2) || !isPoint(end)) {
      throw new Error("Arguments must be {row, column} objects");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    marshalPoint(address, start2);
    marshalPoint(address + SIZE_OF_POINT, end);
    C._ts_node_descendant_for_position_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest named node within this node that spans the given point range. */
  namedDescendantForPosition(start2, end = start2) {
    if (!isPoint(start2) || !isPoint(end)) {
      throw new Error("Arguments must be {row, column} objects");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    marshalPoint(address, start2);
    marshalPoint(address + SIZE_OF_POINT, end);
    C._ts_node_named_descendant_for_position_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Create a new {@link TreeCursor} starting from this node.
   *
   * Note that the given node is considered the root of the cursor,
   * and the cursor cannot walk outside this node.
   */
  walk() {
    marshalNode(this);
    C._ts_tree_cursor_new_wasm(this.tree[0]);
    return new TreeCursor(INTERNAL, this.tree);
  }
  /**
   * Edit this node to keep it in-sync with source code that has been edited.
   *
   * This function is only rarely needed. When you edit a syntax tree with
   * the {@link Tree#edit} method, all of the nodes that you retrieve from
   * the tree afterward will already reflect the edit. You only need to
   * use {@link Node#edit} when you have a specific {@link Node} instance that
   * you want to keep and continue to use after an edit.
   */
  edit(edit) {
    const { point, index } = edit.editPoint(this.startPosition, this.startIndex);
    this.startPosition = point;
    this.startIndex = index;
  }
  /** Get the S-expression representation of this node. */
  toString() {
    marshalNode(this);
    const address = C._ts_node_to_string_wasm(this.tree[0]);
    const result = C.AsciiToString(address);
    C._free(address);
    return result;
  }
};
function unmarshalCaptures(query, tree, address, patternIndex, result) {
  for (let i2 = 0, n = result.length; i2 < n; i2++) {
    const captureIndex = C.getValue(address, "i32");
    address += SIZE_OF_INT;
    const node = unmarshalNode(tree, address);
    address += SIZE_OF_NODE;
    result[i2] = { patternIndex, name: query.captureNames[captureIndex], node };
  }
  return address;
}
__name(unmarshalCaptures, "unmarshalCaptures");
function marshalNode(node, index = 0) {
  let address = TRANSFER_BUFFER + index * SIZE_OF_NODE;
  C.setValue(address, node.id, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node.startIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node.startPosition.row, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node.startPosition.column, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node[0], "i32");
}
__name(marshalNode, "marshalNode");
function unmarshalNode(tree, address = TRANSFER_BUFFER) {
  const id = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  if (id === 0) return null;
  const index = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  const row = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  const column = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  const other = C.getValue(address, "i32");
  const result = new Node(INTERNAL, {
    id,
    tree,
    startIndex: index,
    startPosition: { row, column },
    other
  });
  return result;
}
__name(unmarshalNode, "unmarshalNode");
function marshalTreeCursor({ handles }, address = TRANSFER_BUFFER) {
  C.setValue(address + 0 * SIZE_OF_INT, handles[0], "i32");
  C.setValue(address + 1 * SIZE_OF_INT, handles[1], "i32");
  C.setValue(address + 2 * SIZE_OF_INT, handles[2], "i32");
  C.setValue(address + 3 * SIZE_OF_INT, handles[3], "i32");
}
__name(marshalTreeCursor, "marshalTreeCursor");
function unmarshalTreeCursor({ handles }) {
  handles[0] = C.getValue(TRANSFER_BUFFER + 0 * SIZE_OF_INT, "i32");
  handles[1] = C.getValue(TRANSFER_BUFFER + 1 * SIZE_OF_INT, "i32");
  handles[2] = C.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
  handles[3] = C.getValue(TRANSFER_BUFFER + 3 * SIZE_OF_INT, "i32");
}
__name(unmarshalTreeCursor, "unmarshalTreeCursor");
function marshalPoint(address, point) {
  C.setValue(address, point.row, "i32");
  C.setValue(address + SIZE_OF_INT, point.column, "i32");
}
__name(marshalPoint, "marshalPoint");
function unmarshalPoint(address) {
  const result = {
    row: C.getValue(address, "i32") >>> 0,
    column: C.getValue(address + SIZE_OF_INT, "i32") >>> 0
  };
  return result;
}
__name(unmarshalPoint, "unmarshalPoint");
function marshalRange(address, range) {
  marshalPoint(address, range.startPosition);
  address += SIZE_OF_POINT;
  marshalPoint(address, range.endPosition);
  address += SIZE_OF_POINT;
  C.setValue(address, range.startIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, range.endIndex, "i32");
  address += SIZE_OF_INT;
}
__name(marshalRange, "marshalRange");
function unmarshalRange(address) {
  const result = {};
  result.startPosition = unmarshalPoint(address);
  address += SIZE_OF_POINT;
  result.endPosition = unmarshalPoint(address);
  address += SIZE_OF_POINT;
  result.startIndex = C.getValue(address, "i32") >>> 0;
  address += SIZE_OF_INT;
  result.endIndex = C.getValue(address, "i32") >>> 0;
  return result;
}
__name(unmarshalRange, "unmarshalRange");
function marshalEdit(edit, address = TRANSFER_BUFFER) {
  marshalPoint(address, edit.startPosition);
  address += SIZE_OF_POINT;
  marshalPoint(address, edit.oldEndPosition);
  address += SIZE_OF_POINT;
  marshalPoint(address, edit.newEndPosition);
  address += SIZE_OF_POINT;
  C.setValue(address, edit.startIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, edit.oldEndIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, edit.newEndIndex, "i32");
  address += SIZE_OF_INT;
}
__name(marshalEdit, "marshalEdit");
function unmarshalLanguageMetadata(address) {
  const major_version = C.getValue(address, "i32");
  const minor_version = C.getValue(address += SIZE_OF_INT, "i32");
  const patch_version = C.getValue(address += SIZE_OF_INT, "i32");
  return { major_version, minor_version, patch_version };
}
__name(unmarshalLanguageMetadata, "unmarshalLanguageMetadata");
var LANGUAGE_FUNCTION_REGEX = /^tree_sitter_\w+$/;
var Language = class _Language {
  static {
    __name(this, "Language");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /**
   * A list of all node types in the language. The index of each type in this
   * array is its node type id.
   */
  types;
  /**
   * A list of all field names in the language. The index of each field name in
   * this array is its field id.
   */
  fields;
  /** @internal */
  constructor(internal, address) {
    assertInternal(internal);
    this[0] = address;
    this.types = new Array(C._ts_language_symbol_count(this[0]));
    for (let i2 = 0, n = this.types.length; i2 < n; i2++) {
      if (C._ts_language_symbol_type(this[0], i2) < 2) {
        this.types[i2] = C.UTF8ToString(C._ts_language_symbol_name(this[0], i2));
      }
    }
    this.fields = new Array(C._ts_language_field_count(this[0]) + 1);
    for (let i2 = 0, n = this.fields.length; i2 < n; i2++) {
      const fieldName = C._ts_language_field_name_for_id(this[0], i2);
      if (fieldName !== 0) {
        this.fields[i2] = C.UTF8ToString(fieldName);
      } else {
        this.fields[i2] = null;
      }
    }
  }
  /**
   * Gets the name of the language.
   */
  get name() {
    const ptr = C._ts_language_name(this[0]);
    if (ptr === 0) return null;
    return C.UTF8ToString(ptr);
  }
  /**
   * Gets the ABI version of the language.
   */
  get abiVersion() {
    return C._ts_language_abi_version(this[0]);
  }
  /**
  * Get the metadata for this language. This information is generated by the
  * CLI, and relies on the language author providing the correct metadata in
  * the language's `tree-sitter.json` file.
  */
  get metadata() {
    C._ts_language_metadata_wasm(this[0]);
    const length = C.getValue(TRANSFER_BUFFER, "i32");
    if (length === 0) return null;
    return unmarshalLanguageMetadata(TRANSFER_BUFFER + SIZE_OF_INT);
  }
  /**
   * Gets the number of fields in the language.
   */
  get fieldCount() {
    return this.fields.length - 1;
  }
  /**
   * Gets the number of states in the language.
   */
  get stateCount() {
    return C._ts_language_state_count(this[0]);
  }
  /**
   * Get the field id for a field name.
   */
  fieldIdForName(fieldName) {
    const result = this.fields.indexOf(fieldName);
    return result !== -1 ? result : null;
  }
  /**
   * Get the field name for a field id.
   */
  fieldNameForId(fieldId) {
    return this.fields[fieldId] ?? null;
  }
  /**
   * Get the node type id for a node type name.
   */
  idForNodeType(type, named) {
    const typeLength = C.lengthBytesUTF8(type);
    const typeAddress = C._malloc(typeLength + 1);
    C.stringToUTF8(type, typeAddress, typeLength + 1);
    const result = C._ts_language_symbol_for_name(this[0], typeAddress, typeLength, named ? 1 : 0);
    C._free(typeAddress);
    return result || null;
  }
  /**
   * Gets the number of node types in the language.
   */
  get nodeTypeCount() {
    return C._ts_language_symbol_count(this[0]);
  }
  /**
   * Get the node type name for a node type id.
   */
  nodeTypeForId(typeId) {
    const name2 = C._ts_language_symbol_name(this[0], typeId);
    return name2 ? C.UTF8ToString(name2) : null;
  }
  /**
   * Check if a node type is named.
   *
   * @see {@link https://tree-sitter.github.io/tree-sitter/using-parsers/2-basic-parsing.html#named-vs-anonymous-nodes}
   */
  nodeTypeIsNamed(typeId) {
    return C._ts_language_type_is_named_wasm(this[0], typeId) ? true : false;
  }
  /**
   * Check if a node type is visible.
   */
  nodeTypeIsVisible(typeId) {
    return C._ts_language_type_is_visible_wasm(this[0], typeId) ? true : false;
  }
  /**
   * Get the supertypes ids of this language.
   *
   * @see {@link https://tree-sitter.github.io/tree-sitter/using-parsers/6-static-node-types.html?highlight=supertype#supertype-nodes}
   */
  get supertypes() {
    C._ts_language_supertypes_wasm(this[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = C.getValue(address, "i16");
        address += SIZE_OF_SHORT;
      }
    }
    return result;
  }
  /**
   * Get the subtype ids for a given supertype node id.
   */
  subtypes(supertype) {
    C._ts_language_subtypes_wasm(this[0], supertype);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = C.getValue(address, "i16");
        address += SIZE_OF_SHORT;
      }
    }
    return result;
  }
  /**
   * Get the next state id for a given state id and node type id.
   */
  nextState(stateId, typeId) {
    return C._ts_language_next_state(this[0], stateId, typeId);
  }
  /**
   * Create a new lookahead iterator for this language and parse state.
   *
   * This returns `null` if state is invalid for this language.
   *
   * Iterating {@link LookaheadIterator} will yield valid symbols in the given
   * parse state. A newly created iterator is not positioned on a symbol, so
   * {@link LookaheadIterator#currentType} returns `null` until the first
   * iteration step.
   *
   * Lookahead iterators can be useful for generating suggestions and improving
   * syntax error diagnostics. To get symbols valid in an `ERROR` node, use the
   * lookahead iterator on its first leaf node state. For `MISSING` nodes, a
   * lookahead iterator created on the previous non-extra leaf node may be
   * appropriate.
   */
  lookaheadIterator(stateId) {
    const address = C._ts_lookahead_iterator_new(this[0], stateId);
    if (address) return new LookaheadIterator(INTERNAL, address, this);
    return null;
  }
  /**
   * Load a language from a WebAssembly module.
   * The module can be provided as a path to a file, a `URL` to a file, or as a
   * buffer.
   */
  static async load(input) {
    let binary2;
    if (input instanceof Uint8Array) {
      binary2 = input;
    } else if (globalThis.process?.versions.node) {
      const fs2 = await import("fs/promises");
      binary2 = await fs2.readFile(input);
    } else {
      const response = await fetch(input);
      if (!response.ok) {
        const body2 = await response.text();
        throw new Error(`Language.load failed with status ${response.status}.

${body2}`);
      }
      const retryResp = response.clone();
      try {
        binary2 = await WebAssembly.compileStreaming(response);
      } catch (reason) {
        console.error("wasm streaming compile failed:", reason);
        console.error("falling back to ArrayBuffer instantiation");
        binary2 = new Uint8Array(await retryResp.arrayBuffer());
      }
    }
    const mod = await C.loadWebAssemblyModule(binary2, { loadAsync: true });
    return _Language.loadFromWasmExports(mod, { sync: false });
  }
  static loadFromWasmExports(mod, { sync }) {
    const symbolNames = Object.keys(mod);
    const functionName = symbolNames.find((key) => LANGUAGE_FUNCTION_REGEX.test(key) && !key.includes("external_scanner_"));
    if (!functionName) {
      console.log(`Couldn't find language function in Wasm file. Symbols:
${JSON.stringify(symbolNames, null, 2)}`);
      throw new Error(`Language.${sync ? "loadSync" : "load"} failed: no language function found in Wasm file`);
    }
    const languageAddress = mod[functionName]();
    return new _Language(INTERNAL, languageAddress);
  }
  /**
   * Load a language synchronously from a pre-compiled WebAssembly module.
   * Use this when the host environment provides a `WebAssembly.Module` directly.
   */
  static loadSync(wasmModule) {
    const mod = C.loadWebAssemblyModule(wasmModule, { loadAsync: false });
    return _Language.loadFromWasmExports(mod, { sync: true });
  }
};
async function Module2(moduleArg = {}) {
  var moduleRtn;
  var Module = moduleArg;
  var ENVIRONMENT_IS_WEB = typeof window == "object";
  var ENVIRONMENT_IS_WORKER = typeof WorkerGlobalScope != "undefined";
  var ENVIRONMENT_IS_NODE = typeof process == "object" && process.versions?.node && process.type != "renderer";
  if (ENVIRONMENT_IS_NODE) {
    const { createRequire: createRequire2 } = await import("module");
    var require = createRequire2(import.meta.url);
  }
  Module.currentQueryProgressCallback = null;
  Module.currentProgressCallback = null;
  Module.currentLogCallback = null;
  Module.currentParseCallback = null;
  var arguments_ = [];
  var thisProgram = "./this.program";
  var quit_ = /* @__PURE__ */ __name((status, toThrow) => {
    throw toThrow;
  }, "quit_");
  var _scriptName = import.meta.url;
  var scriptDirectory = "";
  function locateFile(path) {
    if (Module["locateFile"]) {
      return Module["locateFile"](path, scriptDirectory);
    }
    return scriptDirectory + path;
  }
  __name(locateFile, "locateFile");
  var readAsync, readBinary;
  if (ENVIRONMENT_IS_NODE) {
    var fs = require("fs");
    if (_scriptName.startsWith("file:")) {
      scriptDirectory = require("path").dirname(require("url").fileURLToPath(_scriptName)) + "/";
    }
    readBinary = /* @__PURE__ */ __name((filename) => {
      filename = isFileURI(filename) ? new URL(filename) : filename;
      var ret = fs.readFileSync(filename);
      return ret;
    }, "readBinary");
    readAsync = /* @__PURE__ */ __name(async (filename, binary2 = true) => {
      filename = isFileURI(filename) ? new URL(filename) : filename;
      var ret = fs.readFileSync(filename, binary2 ? void 0 : "utf8");
      return ret;
    }, "readAsync");
    if (process.argv.length > 1) {
      thisProgram = process.argv[1].replace(/\\/g, "/");
    }
    arguments_ = process.argv.slice(2);
    quit_ = /* @__PURE__ */ __name((status, toThrow) => {
      process.exitCode = status;
      throw toThrow;
    }, "quit_");
  } else if (ENVIRONMENT_IS_WEB || ENVIRONMENT_IS_WORKER) {
    try {
      scriptDirectory = new URL(".", _scriptName).href;
    } catch {
    }
    {
      if (ENVIRONMENT_IS_WORKER) {
        readBinary = /* @__PURE__ */ __name((url) => {
          var xhr = new XMLHttpRequest();
          xhr.open("GET", url, false);
          xhr.responseType = "arraybuffer";
          xhr.send(null);
          return new Uint8Array(
            /** @type{!ArrayBuffer} */
            xhr.response
          );
        }, "readBinary");
      }
      readAsync = /* @__PURE__ */ __name(async (url) => {
        if (isFileURI(url)) {
          return new Promise((resolve, reject) => {
            var xhr = new XMLHttpRequest();
            xhr.open("GET", url, true);
            xhr.responseType = "arraybuffer";
            xhr.onload = () => {
              if (xhr.status == 200 || xhr.status == 0 && xhr.response) {
                resolve(xhr.response);
                return;
              }
              reject(xhr.status);
            };
            xhr.onerror = reject;
            xhr.send(null);
          });
        }
        var response = await fetch(url, {
          credentials: "same-origin"
        });
        if (response.ok) {
          return response.arrayBuffer();
        }
        throw new Error(response.status + " : " + response.url);
      }, "readAsync");
    }
  } else {
  }
  var out = console.log.bind(console);
  var err = console.error.bind(console);
  var dynamicLibraries = [];
  var wasmBinary;
  var ABORT = false;
  var EXITSTATUS;
  var isFileURI = /* @__PURE__ */ __name((filename) => filename.startsWith("file://"), "isFileURI");
  var readyPromiseResolve, readyPromiseReject;
  var wasmMemory;
  var HEAP8, HEAPU8, HEAP16, HEAPU16, HEAP32, HEAPU32, HEAPF32, HEAPF64;
  var HEAP64, HEAPU64;
  var HEAP_DATA_VIEW;
  var runtimeInitialized = false;
  function updateMemoryViews() {
    var b = wasmMemory.buffer;
    Module["HEAP8"] = HEAP8 = new Int8Array(b);
    Module["HEAP16"] = HEAP16 = new Int16Array(b);
    Module["HEAPU8"] = HEAPU8 = new Uint8Array(b);
    Module["HEAPU16"] = HEAPU16 = new Uint16Array(b);
    Module["HEAP32"] = HEAP32 = new Int32Array(b);
    Module["HEAPU32"] = HEAPU32 = new Uint32Array(b);
    Module["HEAPF32"] = HEAPF32 = new Float32Array(b);
    Module["HEAPF64"] = HEAPF64 = new Float64Array(b);
    Module["HEAP64"] = HEAP64 = new BigInt64Array(b);
    Module["HEAPU64"] = HEAPU64 = new BigUint64Array(b);
    Module["HEAP_DATA_VIEW"] = HEAP_DATA_VIEW = new DataView(b);
    LE_HEAP_UPDATE();
  }
  __name(updateMemoryViews, "updateMemoryViews");
  function initMemory() {
    if (Module["wasmMemory"]) {
      wasmMemory = Module["wasmMemory"];
    } else {
      var INITIAL_MEMORY = Module["INITIAL_MEMORY"] || 33554432;
      wasmMemory = new WebAssembly.Memory({
        "initial": INITIAL_MEMORY / 65536,
        // In theory we should not need to emit the maximum if we want "unlimited"
        // or 4GB of memory, but VMs error on that atm, see
        // https://github.com/emscripten-core/emscripten/issues/14130
        // And in the pthreads case we definitely need to emit a maximum. So
        // always emit one.
        "maximum": 32768
      });
    }
    updateMemoryViews();
  }
  __name(initMemory, "initMemory");
  var __RELOC_FUNCS__ = [];
  function preRun() {
    if (Module["preRun"]) {
      if (typeof Module["preRun"] == "function") Module["preRun"] = [Module["preRun"]];
      while (Module["preRun"].length) {
        addOnPreRun(Module["preRun"].shift());
      }
    }
    callRuntimeCallbacks(onPreRuns);
  }
  __name(preRun, "preRun");
  function initRuntime() {
    runtimeInitialized = true;
    callRuntimeCallbacks(__RELOC_FUNCS__);
    wasmExports["__wasm_call_ctors"]();
    callRuntimeCallbacks(onPostCtors);
  }
  __name(initRuntime, "initRuntime");
  function preMain() {
  }
  __name(preMain, "preMain");
  function postRun() {
    if (Module["postRun"]) {
      if (typeof Module["postRun"] == "function") Module["postRun"] = [Module["postRun"]];
      while (Module["postRun"].length) {
        addOnPostRun(Module["postRun"].shift());
      }
    }
    callRuntimeCallbacks(onPostRuns);
  }
  __name(postRun, "postRun");
  function abort(what) {
    Module["onAbort"]?.(what);
    what = "Aborted(" + what + ")";
    err(what);
    ABORT = true;
    what += ". Build with -sASSERTIONS for more info.";
    var e = new WebAssembly.RuntimeError(what);
    readyPromiseReject?.(e);
    throw e;
  }
  __name(abort, "abort");
  var wasmBinaryFile;
  function findWasmBinary() {
    if (Module["locateFile"]) {
      return locateFile("web-tree-sitter.wasm");
    }
    return new URL("web-tree-sitter.wasm", import.meta.url).href;
  }
  __name(findWasmBinary, "findWasmBinary");
  function getBinarySync(file) {
    if (file == wasmBinaryFile && wasmBinary) {
      return new Uint8Array(wasmBinary);
    }
    if (readBinary) {
      return readBinary(file);
    }
    throw "both async and sync fetching of the wasm failed";
  }
  __name(getBinarySync, "getBinarySync");
  async function getWasmBinary(binaryFile) {
    if (!wasmBinary) {
      try {
        var response = await readAsync(binaryFile);
        return new Uint8Array(response);
      } catch {
      }
    }
    return getBinarySync(binaryFile);
  }
  __name(getWasmBinary, "getWasmBinary");
  async function instantiateArrayBuffer(binaryFile, imports) {
    try {
      var binary2 = await getWasmBinary(binaryFile);
      var instance2 = await WebAssembly.instantiate(binary2, imports);
      return instance2;
    } catch (reason) {
      err(`failed to asynchronously prepare wasm: ${reason}`);
      abort(reason);
    }
  }
  __name(instantiateArrayBuffer, "instantiateArrayBuffer");
  async function instantiateAsync(binary2, binaryFile, imports) {
    if (!binary2 && !isFileURI(binaryFile) && !ENVIRONMENT_IS_NODE) {
      try {
        var response = fetch(binaryFile, {
          credentials: "same-origin"
        });
        var instantiationResult = await WebAssembly.instantiateStreaming(response, imports);
        return instantiationResult;
      } catch (reason) {
        err(`wasm streaming compile failed: ${reason}`);
        err("falling back to ArrayBuffer instantiation");
      }
    }
    return instantiateArrayBuffer(binaryFile, imports);
  }
  __name(instantiateAsync, "instantiateAsync");
  function getWasmImports() {
    return {
      "env": wasmImports,
      "wasi_snapshot_preview1": wasmImports,
      "GOT.mem": new Proxy(wasmImports, GOTHandler),
      "GOT.func": new Proxy(wasmImports, GOTHandler)
    };
  }
  __name(getWasmImports, "getWasmImports");
  async function createWasm() {
    function receiveInstance(instance2, module2) {
      wasmExports = instance2.exports;
      wasmExports = relocateExports(wasmExports, 1024);
      var metadata2 = getDylinkMetadata(module2);
      if (metadata2.neededDynlibs) {
        dynamicLibraries = metadata2.neededDynlibs.concat(dynamicLibraries);
      }
      mergeLibSymbols(wasmExports, "main");
      LDSO.init();
      loadDylibs();
      __RELOC_FUNCS__.push(wasmExports["__wasm_apply_data_relocs"]);
      assignWasmExports(wasmExports);
      return wasmExports;
    }
    __name(receiveInstance, "receiveInstance");
    function receiveInstantiationResult(result2) {
      return receiveInstance(result2["instance"], result2["module"]);
    }
    __name(receiveInstantiationResult, "receiveInstantiationResult");
    var info2 = getWasmImports();
    if (Module["instantiateWasm"]) {
      return new Promise((resolve, reject) => {
        Module["instantiateWasm"](info2, (mod, inst) => {
          resolve(receiveInstance(mod, inst));
        });
      });
    }
    wasmBinaryFile ??= findWasmBinary();
    var result = await instantiateAsync(wasmBinary, wasmBinaryFile, info2);
    var exports = receiveInstantiationResult(result);
    return exports;
  }
  __name(createWasm, "createWasm");
  class ExitStatus {
    static {
      __name(this, "ExitStatus");
    }
    name = "ExitStatus";
    constructor(status) {
      this.message = `Program terminated with exit(${status})`;
      this.status = status;
    }
  }
  var GOT = {};
  var currentModuleWeakSymbols = /* @__PURE__ */ new Set([]);
  var GOTHandler = {
    get(obj, symName) {
      var rtn = GOT[symName];
      if (!rtn) {
        rtn = GOT[symName] = new WebAssembly.Global({
          "value": "i32",
          "mutable": true
        });
      }
      if (!currentModuleWeakSymbols.has(symName)) {
        rtn.required = true;
      }
      return rtn;
    }
  };
  var LE_ATOMICS_NATIVE_BYTE_ORDER = [];
  var LE_HEAP_LOAD_F32 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getFloat32(byteOffset, true), "LE_HEAP_LOAD_F32");
  var LE_HEAP_LOAD_F64 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getFloat64(byteOffset, true), "LE_HEAP_LOAD_F64");
  var LE_HEAP_LOAD_I16 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getInt16(byteOffset, true), "LE_HEAP_LOAD_I16");
  var LE_HEAP_LOAD_I32 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getInt32(byteOffset, true), "LE_HEAP_LOAD_I32");
  var LE_HEAP_LOAD_I64 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getBigInt64(byteOffset, true), "LE_HEAP_LOAD_I64");
  var LE_HEAP_LOAD_U32 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getUint32(byteOffset, true), "LE_HEAP_LOAD_U32");
  var LE_HEAP_STORE_F32 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setFloat32(byteOffset, value, true), "LE_HEAP_STORE_F32");
  var LE_HEAP_STORE_F64 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setFloat64(byteOffset, value, true), "LE_HEAP_STORE_F64");
  var LE_HEAP_STORE_I16 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setInt16(byteOffset, value, true), "LE_HEAP_STORE_I16");
  var LE_HEAP_STORE_I32 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setInt32(byteOffset, value, true), "LE_HEAP_STORE_I32");
  var LE_HEAP_STORE_I64 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setBigInt64(byteOffset, value, true), "LE_HEAP_STORE_I64");
  var LE_HEAP_STORE_U32 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setUint32(byteOffset, value, true), "LE_HEAP_STORE_U32");
  var callRuntimeCallbacks = /* @__PURE__ */ __name((callbacks) => {
    while (callbacks.length > 0) {
      callbacks.shift()(Module);
    }
  }, "callRuntimeCallbacks");
  var onPostRuns = [];
  var addOnPostRun = /* @__PURE__ */ __name((cb) => onPostRuns.push(cb), "addOnPostRun");
  var onPreRuns = [];
  var addOnPreRun = /* @__PURE__ */ __name((cb) => onPreRuns.push(cb), "addOnPreRun");
  var UTF8Decoder = typeof TextDecoder != "undefined" ? new TextDecoder() : void 0;
  var findStringEnd = /* @__PURE__ */ __name((heapOrArray, idx, maxBytesToRead, ignoreNul) => {
    var maxIdx = idx + maxBytesToRead;
    if (ignoreNul) return maxIdx;
    while (heapOrArray[idx] && !(idx >= maxIdx)) ++idx;
    return idx;
  }, "findStringEnd");
  var UTF8ArrayToString = /* @__PURE__ */ __name((heapOrArray, idx = 0, maxBytesToRead, ignoreNul) => {
    var endPtr = findStringEnd(heapOrArray, idx, maxBytesToRead, ignoreNul);
    if (endPtr - idx > 16 && heapOrArray.buffer && UTF8Decoder) {
      return UTF8Decoder.decode(heapOrArray.subarray(idx, endPtr));
    }
    var str = "";
    while (idx < endPtr) {
      var u0 = heapOrArray[idx++];
      if (!(u0 & 128)) {
        str += String.fromCharCode(u0);
        continue;
      }
      var u1 = heapOrArray[idx++] & 63;
      if ((u0 & 224) == 192) {
        str += String.fromCharCode((u0 & 31) << 6 | u1);
        continue;
      }
      var u2 = heapOrArray[idx++] & 63;
      if ((u0 & 240) == 224) {
        u0 = (u0 & 15) << 12 | u1 << 6 | u2;
      } else {
        u0 = (u0 & 7) << 18 | u1 << 12 | u2 << 6 | heapOrArray[idx++] & 63;
      }
      if (u0 < 65536) {
        str += String.fromCharCode(u0);
      } else {
        var ch = u0 - 65536;
        str += String.fromCharCode(55296 | ch >> 10, 56320 | ch & 1023);
      }
    }
    return str;
  }, "UTF8ArrayToString");
  var getDylinkMetadata = /* @__PURE__ */ __name((binary2) => {
    var offset = 0;
    var end = 0;
    function getU8() {
      return binary2[offset++];
    }
    __name(getU8, "getU8");
    function getLEB() {
      var ret = 0;
      var mul = 1;
      while (1) {
        var byte = binary2[offset++];
        ret += (byte & 127) * mul;
        mul *= 128;
        if (!(byte & 128)) break;
      }
      return ret;
    }
    __name(getLEB, "getLEB");
    function getString() {
      var len = getLEB();
      offset += len;
      return UTF8ArrayToString(binary2, offset - len, len);
    }
    __name(getString, "getString");
    function getStringList() {
      var count2 = getLEB();
      var rtn = [];
      while (count2--) rtn.push(getString());
      return rtn;
    }
    __name(getStringList, "getStringList");
    function failIf(condition, message) {
      if (condition) throw new Error(message);
    }
    __name(failIf, "failIf");
    if (binary2 instanceof WebAssembly.Module) {
      var dylinkSection = WebAssembly.Module.customSections(binary2, "dylink.0");
      failIf(dylinkSection.length === 0, "need dylink section");
      binary2 = new Uint8Array(dylinkSection[0]);
      end = binary2.length;
    } else {
      var int32View = new Uint32Array(new Uint8Array(binary2.subarray(0, 24)).buffer);
      var magicNumberFound = int32View[0] == 1836278016 || int32View[0] == 6386541;
      failIf(!magicNumberFound, "need to see wasm magic number");
      failIf(binary2[8] !== 0, "need the dylink section to be first");
      offset = 9;
      var section_size = getLEB();
      end = offset + section_size;
      var name2 = getString();
      failIf(name2 !== "dylink.0");
    }
    var customSection = {
      neededDynlibs: [],
      tlsExports: /* @__PURE__ */ new Set(),
      weakImports: /* @__PURE__ */ new Set(),
      runtimePaths: []
    };
    var WASM_DYLINK_MEM_INFO = 1;
    var WASM_DYLINK_NEEDED = 2;
    var WASM_DYLINK_EXPORT_INFO = 3;
    var WASM_DYLINK_IMPORT_INFO = 4;
    var WASM_DYLINK_RUNTIME_PATH = 5;
    var WASM_SYMBOL_TLS = 256;
    var WASM_SYMBOL_BINDING_MASK = 3;
    var WASM_SYMBOL_BINDING_WEAK = 1;
    while (offset < end) {
      var subsectionType = getU8();
      var subsectionSize = getLEB();
      if (subsectionType === WASM_DYLINK_MEM_INFO) {
        customSection.memorySize = getLEB();
        customSection.memoryAlign = getLEB();
        customSection.tableSize = getLEB();
        customSection.tableAlign = getLEB();
      } else if (subsectionType === WASM_DYLINK_NEEDED) {
        customSection.neededDynlibs = getStringList();
      } else if (subsectionType === WASM_DYLINK_EXPORT_INFO) {
        var count = getLEB();
        while (count--) {
          var symname = getString();
          var flags2 = getLEB();
          if (flags2 & WASM_SYMBOL_TLS) {
            customSection.tlsExports.add(symname);
          }
        }
      } else if (subsectionType === WASM_DYLINK_IMPORT_INFO) {
        var count = getLEB();
        while (count--) {
          var modname = getString();
          var symname = getString();
          var flags2 = getLEB();
          if ((flags2 & WASM_SYMBOL_BINDING_MASK) == WASM_SYMBOL_BINDING_WEAK) {
            customSection.weakImports.add(symname);
          }
        }
      } else if (subsectionType === WASM_DYLINK_RUNTIME_PATH) {
        customSection.runtimePaths = getStringList();
      } else {
        offset += subsectionSize;
      }
    }
    return customSection;
  }, "getDylinkMetadata");
  function getValue(ptr, type = "i8") {
    if (type.endsWith("*")) type = "*";
    switch (type) {
      case "i1":
        return HEAP8[ptr];
      case "i8":
        return HEAP8[ptr];
      case "i16":
        return LE_HEAP_LOAD_I16((ptr >> 1) * 2);
      case "i32":
        return LE_HEAP_LOAD_I32((ptr >> 2) * 4);
      case "i64":
        return LE_HEAP_LOAD_I64((ptr >> 3) * 8);
      case "float":
        return LE_HEAP_LOAD_F32((ptr >> 2) * 4);
      case "double":
        return LE_HEAP_LOAD_F64((ptr >> 3) * 8);
      case "*":
        return LE_HEAP_LOAD_U32((ptr >> 2) * 4);
      default:
        abort(`invalid type for getValue: ${type}`);
    }
  }
  __name(getValue, "getValue");
  var newDSO = /* @__PURE__ */ __name((name2, handle2, syms) => {
    var dso = {
      refcount: Infinity,
      name: name2,
      exports: syms,
      global: true
    };
    LDSO.loadedLibsByName[name2] = dso;
    if (handle2 != void 0) {
      LDSO.loadedLibsByHandle[handle2] = dso;
    }
    return dso;
  }, "newDSO");
  var LDSO = {
    loadedLibsByName: {},
    loadedLibsByHandle: {},
    init() {
      newDSO("__main__", 0, wasmImports);
    }
  };
  var ___heap_base = 82240;
  var alignMemory = /* @__PURE__ */ __name((size, alignment) => Math.ceil(size / alignment) * alignment, "alignMemory");
  var getMemory = /* @__PURE__ */ __name((size) => {
    if (runtimeInitialized) {
      return _calloc(size, 1);
    }
    var ret = ___heap_base;
    var end = ret + alignMemory(size, 16);
    ___heap_base = end;
    GOT["__heap_base"].value = end;
    return ret;
  }, "getMemory");
  var isInternalSym = /* @__PURE__ */ __name((symName) => ["__cpp_exception", "__c_longjmp", "__wasm_apply_data_relocs", "__dso_handle", "__tls_size", "__tls_align", "__set_stack_limits", "_emscripten_tls_init", "__wasm_init_tls", "__wasm_call_ctors", "__start_em_asm", "__stop_em_asm", "__start_em_js", "__stop_em_js"].includes(symName) || symName.startsWith("__em_js__"), "isInternalSym");
  var uleb128EncodeWithLen = /* @__PURE__ */ __name((arr) => {
    const n = arr.length;
    return [n % 128 | 128, n >> 7, ...arr];
  }, "uleb128EncodeWithLen");
  var wasmTypeCodes = {
    "i": 127,
    // i32
    "p": 127,
    // i32
    "j": 126,
    // i64
    "f": 125,
    // f32
    "d": 124,
    // f64
    "e": 111
  };
  var generateTypePack = /* @__PURE__ */ __name((types) => uleb128EncodeWithLen(Array.from(types, (type) => {
    var code = wasmTypeCodes[type];
    return code;
  })), "generateTypePack");
  var convertJsFunctionToWasm = /* @__PURE__ */ __name((func2, sig) => {
    var bytes = Uint8Array.of(
      0,
      97,
      115,
      109,
      // magic ("\0asm")
      1,
      0,
      0,
      0,
      // version: 1
      1,
      ...uleb128EncodeWithLen([
        1,
        // count: 1
        96,
        // param types
        ...generateTypePack(sig.slice(1)),
        // return types (for now only supporting [] if `void` and single [T] otherwise)
        ...generateTypePack(sig[0] === "v" ? "" : sig[0])
      ]),
      // The rest of the module is static
      2,
      7,
      // import section
      // (import "e" "f" (func 0 (type 0)))
      1,
      1,
      101,
      1,
      102,
      0,
      0,
      7,
      5,
      // export section
      // (export "f" (func 0 (type 0)))
      1,
      1,
      102,
      0,
      0
    );
    var module2 = new WebAssembly.Module(bytes);
    var instance2 = new WebAssembly.Instance(module2, {
      "e": {
        "f": func2
      }
    });
    var wrappedFunc = instance2.exports["f"];
    return wrappedFunc;
  }, "convertJsFunctionToWasm");
  var wasmTableMirror = [];
  var wasmTable = new WebAssembly.Table({
    "initial": 31,
    "element": "anyfunc"
  });
  var getWasmTableEntry = /* @__PURE__ */ __name((funcPtr) => {
    var func2 = wasmTableMirror[funcPtr];
    if (!func2) {
      wasmTableMirror[funcPtr] = func2 = wasmTable.get(funcPtr);
    }
    return func2;
  }, "getWasmTableEntry");
  var updateTableMap = /* @__PURE__ */ __name((offset, count) => {
    if (functionsInTableMap) {
      for (var i2 = offset; i2 < offset + count; i2++) {
        var item = getWasmTableEntry(i2);
        if (item) {
          functionsInTableMap.set(item, i2);
        }
      }
    }
  }, "updateTableMap");
  var functionsInTableMap;
  var getFunctionAddress = /* @__PURE__ */ __name((func2) => {
    if (!functionsInTableMap) {
      functionsInTableMap = /* @__PURE__ */ new WeakMap();
      updateTableMap(0, wasmTable.length);
    }
    return functionsInTableMap.get(func2) || 0;
  }, "getFunctionAddress");
  var freeTableIndexes = [];
  var getEmptyTableSlot = /* @__PURE__ */ __name(() => {
    if (freeTableIndexes.length) {
      return freeTableIndexes.pop();
    }
    return wasmTable["grow"](1);
  }, "getEmptyTableSlot");
  var setWasmTableEntry = /* @__PURE__ */ __name((idx, func2) => {
    wasmTable.set(idx, func2);
    wasmTableMirror[idx] = wasmTable.get(idx);
  }, "setWasmTableEntry");
  var addFunction = /* @__PURE__ */ __name((func2, sig) => {
    var rtn = getFunctionAddress(func2);
    if (rtn) {
      return rtn;
    }
    var ret = getEmptyTableSlot();
    try {
      setWasmTableEntry(ret, func2);
    } catch (err2) {
      if (!(err2 instanceof TypeError)) {
        throw err2;
      }
      var wrapped = convertJsFunctionToWasm(func2, sig);
      setWasmTableEntry(ret, wrapped);
    }
    functionsInTableMap.set(func2, ret);
    return ret;
  }, "addFunction");
  var updateGOT = /* @__PURE__ */ __name((exports, replace) => {
    for (var symName in exports) {
      if (isInternalSym(symName)) {
        continue;
      }
      var value = exports[symName];
      GOT[symName] ||= new WebAssembly.Global({
        "value": "i32",
        "mutable": true
      });
      if (replace || GOT[symName].value == 0) {
        if (typeof value == "function") {
          GOT[symName].value = addFunction(value);
        } else if (typeof value == "number") {
          GOT[symName].value = value;
        } else {
          err(`unhandled export type for '${symName}': ${typeof value}`);
        }
      }
    }
  }, "updateGOT");
  var relocateExports = /* @__PURE__ */ __name((exports, memoryBase2, replace) => {
    var relocated = {};
    for (var e in exports) {
      var value = exports[e];
      if (typeof value == "object") {
        value = value.value;
      }
      if (typeof value == "number") {
        value += memoryBase2;
      }
      relocated[e] = value;
    }
    updateGOT(relocated, replace);
    return relocated;
  }, "relocateExports");
  var isSymbolDefined = /* @__PURE__ */ __name((symName) => {
    var existing = wasmImports[symName];
    if (!existing || existing.stub) {
      return false;
    }
    return true;
  }, "isSymbolDefined");
  var dynCall = /* @__PURE__ */ __name((sig, ptr, args2 = [], promising = false) => {
    var func2 = getWasmTableEntry(ptr);
    var rtn = func2(...args2);
    function convert(rtn2) {
      return rtn2;
    }
    __name(convert, "convert");
    return convert(rtn);
  }, "dynCall");
  var stackSave = /* @__PURE__ */ __name(() => _emscripten_stack_get_current(), "stackSave");
  var stackRestore = /* @__PURE__ */ __name((val) => __emscripten_stack_restore(val), "stackRestore");
  var createInvokeFunction = /* @__PURE__ */ __name((sig) => (ptr, ...args2) => {
    var sp = stackSave();
    try {
      return dynCall(sig, ptr, args2);
    } catch (e) {
      stackRestore(sp);
      if (e !== e + 0) throw e;
      _setThrew(1, 0);
      if (sig[0] == "j") return 0n;
    }
  }, "createInvokeFunction");
  var resolveGlobalSymbol = /* @__PURE__ */ __name((symName, direct = false) => {
    var sym;
    if (isSymbolDefined(symName)) {
      sym = wasmImports[symName];
    } else if (symName.startsWith("invoke_")) {
      sym = wasmImports[symName] = createInvokeFunction(symName.split("_")[1]);
    }
    return {
      sym,
      name: symName
    };
  }, "resolveGlobalSymbol");
  var onPostCtors = [];
  var addOnPostCtor = /* @__PURE__ */ __name((cb) => onPostCtors.push(cb), "addOnPostCtor");
  var UTF8ToString = /* @__PURE__ */ __name((ptr, maxBytesToRead, ignoreNul) => ptr ? UTF8ArrayToString(HEAPU8, ptr, maxBytesToRead, ignoreNul) : "", "UTF8ToString");
  var loadWebAssemblyModule = /* @__PURE__ */ __name((binary, flags, libName, localScope, handle) => {
    var metadata = getDylinkMetadata(binary);
    function loadModule() {
      var memAlign = Math.pow(2, metadata.memoryAlign);
      var memoryBase = metadata.memorySize ? alignMemory(getMemory(metadata.memorySize + memAlign), memAlign) : 0;
      var tableBase = metadata.tableSize ? wasmTable.length : 0;
      if (handle) {
        HEAP8[handle + 8] = 1;
        LE_HEAP_STORE_U32((handle + 12 >> 2) * 4, memoryBase);
        LE_HEAP_STORE_I32((handle + 16 >> 2) * 4, metadata.memorySize);
        LE_HEAP_STORE_U32((handle + 20 >> 2) * 4, tableBase);
        LE_HEAP_STORE_I32((handle + 24 >> 2) * 4, metadata.tableSize);
      }
      if (metadata.tableSize) {
        wasmTable.grow(metadata.tableSize);
      }
      var moduleExports;
      function resolveSymbol(sym) {
        var resolved = resolveGlobalSymbol(sym).sym;
        if (!resolved && localScope) {
          resolved = localScope[sym];
        }
        if (!resolved) {
          resolved = moduleExports[sym];
        }
        return resolved;
      }
      __name(resolveSymbol, "resolveSymbol");
      var proxyHandler = {
        get(stubs, prop) {
          switch (prop) {
            case "__memory_base":
              return memoryBase;
            case "__table_base":
              return tableBase;
          }
          if (prop in wasmImports && !wasmImports[prop].stub) {
            var res = wasmImports[prop];
            return res;
          }
          if (!(prop in stubs)) {
            var resolved;
            stubs[prop] = (...args2) => {
              resolved ||= resolveSymbol(prop);
              return resolved(...args2);
            };
          }
          return stubs[prop];
        }
      };
      var proxy = new Proxy({}, proxyHandler);
      currentModuleWeakSymbols = metadata.weakImports;
      var info = {
        "GOT.mem": new Proxy({}, GOTHandler),
        "GOT.func": new Proxy({}, GOTHandler),
        "env": proxy,
        "wasi_snapshot_preview1": proxy
      };
      function postInstantiation(module, instance) {
        updateTableMap(tableBase, metadata.tableSize);
        moduleExports = relocateExports(instance.exports, memoryBase);
        if (!flags.allowUndefined) {
          reportUndefinedSymbols();
        }
        function addEmAsm(addr, body) {
          var args = [];
          var arity = 0;
          for (; arity < 16; arity++) {
            if (body.indexOf("$" + arity) != -1) {
              args.push("$" + arity);
            } else {
              break;
            }
          }
          args = args.join(",");
          var func = `(${args}) => { ${body} };`;
          ASM_CONSTS[start] = eval(func);
        }
        __name(addEmAsm, "addEmAsm");
        if ("__start_em_asm" in moduleExports) {
          var start = moduleExports["__start_em_asm"];
          var stop = moduleExports["__stop_em_asm"];
          while (start < stop) {
            var jsString = UTF8ToString(start);
            addEmAsm(start, jsString);
            start = HEAPU8.indexOf(0, start) + 1;
          }
        }
        function addEmJs(name, cSig, body) {
          var jsArgs = [];
          cSig = cSig.slice(1, -1);
          if (cSig != "void") {
            cSig = cSig.split(",");
            for (var i in cSig) {
              var jsArg = cSig[i].split(" ").pop();
              jsArgs.push(jsArg.replace("*", ""));
            }
          }
          var func = `(${jsArgs}) => ${body};`;
          moduleExports[name] = eval(func);
        }
        __name(addEmJs, "addEmJs");
        for (var name in moduleExports) {
          if (name.startsWith("__em_js__")) {
            var start = moduleExports[name];
            var jsString = UTF8ToString(start);
            var parts = jsString.split("<::>");
            addEmJs(name.replace("__em_js__", ""), parts[0], parts[1]);
            delete moduleExports[name];
          }
        }
        var applyRelocs = moduleExports["__wasm_apply_data_relocs"];
        if (applyRelocs) {
          if (runtimeInitialized) {
            applyRelocs();
          } else {
            __RELOC_FUNCS__.push(applyRelocs);
          }
        }
        var init = moduleExports["__wasm_call_ctors"];
        if (init) {
          if (runtimeInitialized) {
            init();
          } else {
            addOnPostCtor(init);
          }
        }
        return moduleExports;
      }
      __name(postInstantiation, "postInstantiation");
      if (flags.loadAsync) {
        return (async () => {
          var instance2;
          if (binary instanceof WebAssembly.Module) {
            instance2 = new WebAssembly.Instance(binary, info);
          } else {
            ({ module: binary, instance: instance2 } = await WebAssembly.instantiate(binary, info));
          }
          return postInstantiation(binary, instance2);
        })();
      }
      var module = binary instanceof WebAssembly.Module ? binary : new WebAssembly.Module(binary);
      var instance = new WebAssembly.Instance(module, info);
      return postInstantiation(module, instance);
    }
    __name(loadModule, "loadModule");
    flags = {
      ...flags,
      rpath: {
        parentLibPath: libName,
        paths: metadata.runtimePaths
      }
    };
    if (flags.loadAsync) {
      return metadata.neededDynlibs.reduce((chain, dynNeeded) => chain.then(() => loadDynamicLibrary(dynNeeded, flags, localScope)), Promise.resolve()).then(loadModule);
    }
    metadata.neededDynlibs.forEach((needed) => loadDynamicLibrary(needed, flags, localScope));
    return loadModule();
  }, "loadWebAssemblyModule");
  var mergeLibSymbols = /* @__PURE__ */ __name((exports, libName2) => {
    for (var [sym, exp] of Object.entries(exports)) {
      const setImport = /* @__PURE__ */ __name((target) => {
        if (!isSymbolDefined(target)) {
          wasmImports[target] = exp;
        }
      }, "setImport");
      setImport(sym);
      const main_alias = "__main_argc_argv";
      if (sym == "main") {
        setImport(main_alias);
      }
      if (sym == main_alias) {
        setImport("main");
      }
    }
  }, "mergeLibSymbols");
  var asyncLoad = /* @__PURE__ */ __name(async (url) => {
    var arrayBuffer = await readAsync(url);
    return new Uint8Array(arrayBuffer);
  }, "asyncLoad");
  function loadDynamicLibrary(libName2, flags2 = {
    global: true,
    nodelete: true
  }, localScope2, handle2) {
    var dso = LDSO.loadedLibsByName[libName2];
    if (dso) {
      if (!flags2.global) {
        if (localScope2) {
          Object.assign(localScope2, dso.exports);
        }
      } else if (!dso.global) {
        dso.global = true;
        mergeLibSymbols(dso.exports, libName2);
      }
      if (flags2.nodelete && dso.refcount !== Infinity) {
        dso.refcount = Infinity;
      }
      dso.refcount++;
      if (handle2) {
        LDSO.loadedLibsByHandle[handle2] = dso;
      }
      return flags2.loadAsync ? Promise.resolve(true) : true;
    }
    dso = newDSO(libName2, handle2, "loading");
    dso.refcount = flags2.nodelete ? Infinity : 1;
    dso.global = flags2.global;
    function loadLibData() {
      if (handle2) {
        var data = LE_HEAP_LOAD_U32((handle2 + 28 >> 2) * 4);
        var dataSize = LE_HEAP_LOAD_U32((handle2 + 32 >> 2) * 4);
        if (data && dataSize) {
          var libData = HEAP8.slice(data, data + dataSize);
          return flags2.loadAsync ? Promise.resolve(libData) : libData;
        }
      }
      var libFile = locateFile(libName2);
      if (flags2.loadAsync) {
        return asyncLoad(libFile);
      }
      if (!readBinary) {
        throw new Error(`${libFile}: file not found, and synchronous loading of external files is not available`);
      }
      return readBinary(libFile);
    }
    __name(loadLibData, "loadLibData");
    function getExports() {
      if (flags2.loadAsync) {
        return loadLibData().then((libData) => loadWebAssemblyModule(libData, flags2, libName2, localScope2, handle2));
      }
      return loadWebAssemblyModule(loadLibData(), flags2, libName2, localScope2, handle2);
    }
    __name(getExports, "getExports");
    function moduleLoaded(exports) {
      if (dso.global) {
        mergeLibSymbols(exports, libName2);
      } else if (localScope2) {
        Object.assign(localScope2, exports);
      }
      dso.exports = exports;
    }
    __name(moduleLoaded, "moduleLoaded");
    if (flags2.loadAsync) {
      return getExports().then((exports) => {
        moduleLoaded(exports);
        return true;
      });
    }
    moduleLoaded(getExports());
    return true;
  }
  __name(loadDynamicLibrary, "loadDynamicLibrary");
  var reportUndefinedSymbols = /* @__PURE__ */ __name(() => {
    for (var [symName, entry] of Object.entries(GOT)) {
      if (entry.value == 0) {
        var value = resolveGlobalSymbol(symName, true).sym;
        if (!value && !entry.required) {
          continue;
        }
        if (typeof value == "function") {
          entry.value = addFunction(value, value.sig);
        } else if (typeof value == "number") {
          entry.value = value;
        } else {
          throw new Error(`bad export type for '${symName}': ${typeof value}`);
        }
      }
    }
  }, "reportUndefinedSymbols");
  var runDependencies = 0;
  var dependenciesFulfilled = null;
  var removeRunDependency = /* @__PURE__ */ __name((id) => {
    runDependencies--;
    Module["monitorRunDependencies"]?.(runDependencies);
    if (runDependencies == 0) {
      if (dependenciesFulfilled) {
        var callback = dependenciesFulfilled;
        dependenciesFulfilled = null;
        callback();
      }
    }
  }, "removeRunDependency");
  var addRunDependency = /* @__PURE__ */ __name((id) => {
    runDependencies++;
    Module["monitorRunDependencies"]?.(runDependencies);
  }, "addRunDependency");
  var loadDylibs = /* @__PURE__ */ __name(async () => {
    if (!dynamicLibraries.length) {
      reportUndefinedSymbols();
      return;
    }
    addRunDependency("loadDylibs");
    for (var lib of dynamicLibraries) {
      await loadDynamicLibrary(lib, {
        loadAsync: true,
        global: true,
        nodelete: true,
        allowUndefined: true
      });
    }
    reportUndefinedSymbols();
    removeRunDependency("loadDylibs");
  }, "loadDylibs");
  var noExitRuntime = true;
  function setValue(ptr, value, type = "i8") {
    if (type.endsWith("*")) type = "*";
    switch (type) {
      case "i1":
        HEAP8[ptr] = value;
        break;
      case "i8":
        HEAP8[ptr] = value;
        break;
      case "i16":
        LE_HEAP_STORE_I16((ptr >> 1) * 2, value);
        break;
      case "i32":
        LE_HEAP_STORE_I32((ptr >> 2) * 4, value);
        break;
      case "i64":
        LE_HEAP_STORE_I64((ptr >> 3) * 8, BigInt(value));
        break;
      case "float":
        LE_HEAP_STORE_F32((ptr >> 2) * 4, value);
        break;
      case "double":
        LE_HEAP_STORE_F64((ptr >> 3) * 8, value);
        break;
      case "*":
        LE_HEAP_STORE_U32((ptr >> 2) * 4, value);
        break;
      default:
        abort(`invalid type for setValue: ${type}`);
    }
  }
  __name(setValue, "setValue");
  var ___memory_base = new WebAssembly.Global({
    "value": "i32",
    "mutable": false
  }, 1024);
  var ___stack_high = 82240;
  var ___stack_low = 16704;
  var ___stack_pointer = new WebAssembly.Global({
    "value": "i32",
    "mutable": true
  }, 82240);
  var ___table_base = new WebAssembly.Global({
    "value": "i32",
    "mutable": false
  }, 1);
  var __abort_js = /* @__PURE__ */ __name(() => abort(""), "__abort_js");
  __abort_js.sig = "v";
  var getHeapMax = /* @__PURE__ */ __name(() => (
    // Stay one Wasm page short of 4GB: while e.g. Chrome is able to allocate
    // full 4GB Wasm memories, the size will wrap back to 0 bytes in Wasm side
    // for any code that deals with heap sizes, which would require special
    // casing all heap size related code to treat 0 specially.
    2147483648
  ), "getHeapMax");
  var growMemory = /* @__PURE__ */ __name((size) => {
    var oldHeapSize = wasmMemory.buffer.byteLength;
    var pages = (size - oldHeapSize + 65535) / 65536 | 0;
    try {
      wasmMemory.grow(pages);
      updateMemoryViews();
      return 1;
    } catch (e) {
    }
  }, "growMemory");
  var _emscripten_resize_heap = /* @__PURE__ */ __name((requestedSize) => {
    var oldSize = HEAPU8.length;
    requestedSize >>>= 0;
    var maxHeapSize = getHeapMax();
    if (requestedSize > maxHeapSize) {
      return false;
    }
    for (var cutDown = 1; cutDown <= 4; cutDown *= 2) {
      var overGrownHeapSize = oldSize * (1 + 0.2 / cutDown);
      overGrownHeapSize = Math.min(overGrownHeapSize, requestedSize + 100663296);
      var newSize = Math.min(maxHeapSize, alignMemory(Math.max(requestedSize, overGrownHeapSize), 65536));
      var replacement = growMemory(newSize);
      if (replacement) {
        return true;
      }
    }
    return false;
  }, "_emscripten_resize_heap");
  _emscripten_resize_heap.sig = "ip";
  var _fd_close = /* @__PURE__ */ __name((fd) => 52, "_fd_close");
  _fd_close.sig = "ii";
  var INT53_MAX = 9007199254740992;
  var INT53_MIN = -9007199254740992;
  var bigintToI53Checked = /* @__PURE__ */ __name((num) => num < INT53_MIN || num > INT53_MAX ? NaN : Number(num), "bigintToI53Checked");
  function _fd_seek(fd, offset, whence, newOffset) {
    offset = bigintToI53Checked(offset);
    return 70;
  }
  __name(_fd_seek, "_fd_seek");
  _fd_seek.sig = "iijip";
  var printCharBuffers = [null, [], []];
  var printChar = /* @__PURE__ */ __name((stream, curr) => {
    var buffer = printCharBuffers[stream];
    if (curr === 0 || curr === 10) {
      (stream === 1 ? out : err)(UTF8ArrayToString(buffer));
      buffer.length = 0;
    } else {
      buffer.push(curr);
    }
  }, "printChar");
  var _fd_write = /* @__PURE__ */ __name((fd, iov, iovcnt, pnum) => {
    var num = 0;
    for (var i2 = 0; i2 < iovcnt; i2++) {
      var ptr = LE_HEAP_LOAD_U32((iov >> 2) * 4);
      var len = LE_HEAP_LOAD_U32((iov + 4 >> 2) * 4);
      iov += 8;
      for (var j = 0; j < len; j++) {
        printChar(fd, HEAPU8[ptr + j]);
      }
      num += len;
    }
    LE_HEAP_STORE_U32((pnum >> 2) * 4, num);
    return 0;
  }, "_fd_write");
  _fd_write.sig = "iippp";
  function _tree_sitter_log_callback(isLexMessage, messageAddress) {
    if (Module.currentLogCallback) {
      const message = UTF8ToString(messageAddress);
      Module.currentLogCallback(message, isLexMessage !== 0);
    }
  }
  __name(_tree_sitter_log_callback, "_tree_sitter_log_callback");
  function _tree_sitter_parse_callback(inputBufferAddress, index, row, column, lengthAddress) {
    const INPUT_BUFFER_SIZE = 10 * 1024;
    const string = Module.currentParseCallback(index, {
      row,
      column
    });
    if (typeof string === "string") {
      setValue(lengthAddress, string.length, "i32");
      stringToUTF16(string, inputBufferAddress, INPUT_BUFFER_SIZE);
    } else {
      setValue(lengthAddress, 0, "i32");
    }
  }
  __name(_tree_sitter_parse_callback, "_tree_sitter_parse_callback");
  function _tree_sitter_progress_callback(currentOffset, hasError) {
    if (Module.currentProgressCallback) {
      return Module.currentProgressCallback({
        currentOffset,
        hasError
      });
    }
    return false;
  }
  __name(_tree_sitter_progress_callback, "_tree_sitter_progress_callback");
  function _tree_sitter_query_progress_callback(currentOffset) {
    if (Module.currentQueryProgressCallback) {
      return Module.currentQueryProgressCallback({
        currentOffset
      });
    }
    return false;
  }
  __name(_tree_sitter_query_progress_callback, "_tree_sitter_query_progress_callback");
  var runtimeKeepaliveCounter = 0;
  var keepRuntimeAlive = /* @__PURE__ */ __name(() => noExitRuntime || runtimeKeepaliveCounter > 0, "keepRuntimeAlive");
  var _proc_exit = /* @__PURE__ */ __name((code) => {
    EXITSTATUS = code;
    if (!keepRuntimeAlive()) {
      Module["onExit"]?.(code);
      ABORT = true;
    }
    quit_(code, new ExitStatus(code));
  }, "_proc_exit");
  _proc_exit.sig = "vi";
  var exitJS = /* @__PURE__ */ __name((status, implicit) => {
    EXITSTATUS = status;
    _proc_exit(status);
  }, "exitJS");
  var handleException = /* @__PURE__ */ __name((e) => {
    if (e instanceof ExitStatus || e == "unwind") {
      return EXITSTATUS;
    }
    quit_(1, e);
  }, "handleException");
  var lengthBytesUTF8 = /* @__PURE__ */ __name((str) => {
    var len = 0;
    for (var i2 = 0; i2 < str.length; ++i2) {
      var c = str.charCodeAt(i2);
      if (c <= 127) {
        len++;
      } else if (c <= 2047) {
        len += 2;
      } else if (c >= 55296 && c <= 57343) {
        len += 4;
        ++i2;
      } else {
        len += 3;
      }
    }
    return len;
  }, "lengthBytesUTF8");
  var stringToUTF8Array = /* @__PURE__ */ __name((str, heap, outIdx, maxBytesToWrite) => {
    if (!(maxBytesToWrite > 0)) return 0;
    var startIdx = outIdx;
    var endIdx = outIdx + maxBytesToWrite - 1;
    for (var i2 = 0; i2 < str.length; ++i2) {
      var u = str.codePointAt(i2);
      if (u <= 127) {
        if (outIdx >= endIdx) break;
        heap[outIdx++] = u;
      } else if (u <= 2047) {
        if (outIdx + 1 >= endIdx) break;
        heap[outIdx++] = 192 | u >> 6;
        heap[outIdx++] = 128 | u & 63;
      } else if (u <= 65535) {
        if (outIdx + 2 >= endIdx) break;
        heap[outIdx++] = 224 | u >> 12;
        heap[outIdx++] = 128 | u >> 6 & 63;
        heap[outIdx++] = 128 | u & 63;
      } else {
        if (outIdx + 3 >= endIdx) break;
        heap[outIdx++] = 240 | u >> 18;
        heap[outIdx++] = 128 | u >> 12 & 63;
        heap[outIdx++] = 128 | u >> 6 & 63;
        heap[outIdx++] = 128 | u & 63;
        i2++;
      }
    }
    heap[outIdx] = 0;
    return outIdx - startIdx;
  }, "stringToUTF8Array");
  var stringToUTF8 = /* @__PURE__ */ __name((str, outPtr, maxBytesToWrite) => stringToUTF8Array(str, HEAPU8, outPtr, maxBytesToWrite), "stringToUTF8");
  var stackAlloc = /* @__PURE__ */ __name((sz) => __emscripten_stack_alloc(sz), "stackAlloc");
  var stringToUTF8OnStack = /* @__PURE__ */ __name((str) => {
    var size = lengthBytesUTF8(str) + 1;
    var ret = stackAlloc(size);
    stringToUTF8(str, ret, size);
    return ret;
  }, "stringToUTF8OnStack");
  var AsciiToString = /* @__PURE__ */ __name((ptr) => {
    var str = "";
    while (1) {
      var ch = HEAPU8[ptr++];
      if (!ch) return str;
      str += String.fromCharCode(ch);
    }
  }, "AsciiToString");
  var stringToUTF16 = /* @__PURE__ */ __name((str, outPtr, maxBytesToWrite) => {
    maxBytesToWrite ??= 2147483647;
    if (maxBytesToWrite < 2) return 0;
    maxBytesToWrite -= 2;
    var startPtr = outPtr;
    var numCharsToWrite = maxBytesToWrite < str.length * 2 ? maxBytesToWrite / 2 : str.length;
    for (var i2 = 0; i2 < numCharsToWrite; ++i2) {
      var codeUnit = str.charCodeAt(i2);
      LE_HEAP_STORE_I16((outPtr >> 1) * 2, codeUnit);
      outPtr += 2;
    }
    LE_HEAP_STORE_I16((outPtr >> 1) * 2, 0);
    return outPtr - startPtr;
  }, "stringToUTF16");
  LE_ATOMICS_NATIVE_BYTE_ORDER = new Int8Array(new Int16Array([1]).buffer)[0] === 1 ? [
    /* little endian */
    ((x) => x),
    ((x) => x),
    void 0,
    ((x) => x)
  ] : [
    /* big endian */
    ((x) => x),
    ((x) => ((x & 65280) << 8 | (x & 255) << 24) >> 16),
    void 0,
    ((x) => x >> 24 & 255 | x >> 8 & 65280 | (x & 65280) << 8 | (x & 255) << 24)
  ];
  function LE_HEAP_UPDATE() {
    HEAPU16.unsigned = ((x) => x & 65535);
    HEAPU32.unsigned = ((x) => x >>> 0);
  }
  __name(LE_HEAP_UPDATE, "LE_HEAP_UPDATE");
  {
    initMemory();
    if (Module["noExitRuntime"]) noExitRuntime = Module["noExitRuntime"];
    if (Module["print"]) out = Module["print"];
    if (Module["printErr"]) err = Module["printErr"];
    if (Module["dynamicLibraries"]) dynamicLibraries = Module["dynamicLibraries"];
    if (Module["wasmBinary"]) wasmBinary = Module["wasmBinary"];
    if (Module["arguments"]) arguments_ = Module["arguments"];
    if (Module["thisProgram"]) thisProgram = Module["thisProgram"];
    if (Module["preInit"]) {
      if (typeof Module["preInit"] == "function") Module["preInit"] = [Module["preInit"]];
      while (Module["preInit"].length > 0) {
        Module["preInit"].shift()();
      }
    }
  }
  Module["setValue"] = setValue;
  Module["getValue"] = getValue;
  Module["UTF8ToString"] = UTF8ToString;
  Module["stringToUTF8"] = stringToUTF8;
  Module["lengthBytesUTF8"] = lengthBytesUTF8;
  Module["AsciiToString"] = AsciiToString;
  Module["stringToUTF16"] = stringToUTF16;
  Module["loadWebAssemblyModule"] = loadWebAssemblyModule;
  Module["LE_HEAP_STORE_I64"] = LE_HEAP_STORE_I64;
  var ASM_CONSTS = {};
  var _malloc, _calloc, _realloc, _free, _ts_range_edit, _memcmp, _ts_language_symbol_count, _ts_language_state_count, _ts_language_abi_version, _ts_language_name, _ts_language_field_count, _ts_language_next_state, _ts_language_symbol_name, _ts_language_symbol_for_name, _strncmp, _strlen, _ts_language_symbol_type, _ts_language_field_name_for_id, _ts_lookahead_iterator_new, _ts_lookahead_iterator_delete, _ts_lookahead_iterator_reset_state, _ts_lookahead_iterator_reset, _ts_lookahead_iterator_next, _ts_lookahead_iterator_current_symbol, _ts_point_edit, _ts_parser_delete, _ts_parser_reset, _ts_parser_set_language, _ts_parser_set_included_ranges, _ts_query_new, _ts_query_delete, _iswspace, _iswalnum, _ts_query_copy, _ts_query_pattern_count, _ts_query_capture_count, _ts_query_string_count, _ts_query_capture_name_for_id, _ts_query_capture_quantifier_for_id, _ts_query_string_value_for_id, _ts_query_predicates_for_pattern, _ts_query_start_byte_for_pattern, _ts_query_end_byte_for_pattern, _ts_query_is_pattern_rooted, _ts_query_is_pattern_non_local, _ts_query_is_pattern_guaranteed_at_step, _ts_query_disable_capture, _ts_query_disable_pattern, _ts_tree_copy, _ts_tree_delete, _ts_init, _ts_parser_new_wasm, _ts_parser_enable_logger_wasm, _ts_parser_parse_wasm, _ts_parser_included_ranges_wasm, _ts_language_type_is_named_wasm, _ts_language_type_is_visible_wasm, _ts_language_metadata_wasm, _ts_language_supertypes_wasm, _ts_language_subtypes_wasm, _ts_tree_root_node_wasm, _ts_tree_root_node_with_offset_wasm, _ts_tree_edit_wasm, _ts_tree_included_ranges_wasm, _ts_tree_get_changed_ranges_wasm, _ts_tree_cursor_new_wasm, _ts_tree_cursor_copy_wasm, _ts_tree_cursor_delete_wasm, _ts_tree_cursor_reset_wasm, _ts_tree_cursor_reset_to_wasm, _ts_tree_cursor_goto_first_child_wasm, _ts_tree_cursor_goto_last_child_wasm, _ts_tree_cursor_goto_first_child_for_index_wasm, _ts_tree_cursor_goto_first_child_for_position_wasm, _ts_tree_cursor_goto_next_sibling_wasm, _ts_tree_cursor_goto_previous_sibling_wasm, _ts_tree_cursor_goto_descendant_wasm, _ts_tree_cursor_goto_parent_wasm, _ts_tree_cursor_current_node_type_id_wasm, _ts_tree_cursor_current_node_state_id_wasm, _ts_tree_cursor_current_node_is_named_wasm, _ts_tree_cursor_current_node_is_missing_wasm, _ts_tree_cursor_current_node_id_wasm, _ts_tree_cursor_start_position_wasm, _ts_tree_cursor_end_position_wasm, _ts_tree_cursor_start_index_wasm, _ts_tree_cursor_end_index_wasm, _ts_tree_cursor_current_field_id_wasm, _ts_tree_cursor_current_depth_wasm, _ts_tree_cursor_current_descendant_index_wasm, _ts_tree_cursor_current_node_wasm, _ts_node_symbol_wasm, _ts_node_field_name_for_child_wasm, _ts_node_field_name_for_named_child_wasm, _ts_node_children_by_field_id_wasm, _ts_node_first_child_for_byte_wasm, _ts_node_first_named_child_for_byte_wasm, _ts_node_grammar_symbol_wasm, _ts_node_child_count_wasm, _ts_node_named_child_count_wasm, _ts_node_child_wasm, _ts_node_named_child_wasm, _ts_node_child_by_field_id_wasm, _ts_node_next_sibling_wasm, _ts_node_prev_sibling_wasm, _ts_node_next_named_sibling_wasm, _ts_node_prev_named_sibling_wasm, _ts_node_descendant_count_wasm, _ts_node_parent_wasm, _ts_node_child_with_descendant_wasm, _ts_node_descendant_for_index_wasm, _ts_node_named_descendant_for_index_wasm, _ts_node_descendant_for_position_wasm, _ts_node_named_descendant_for_position_wasm, _ts_node_start_point_wasm, _ts_node_end_point_wasm, _ts_node_start_index_wasm, _ts_node_end_index_wasm, _ts_node_to_string_wasm, _ts_node_children_wasm, _ts_node_named_children_wasm, _ts_node_descendants_of_type_wasm, _ts_node_is_named_wasm, _ts_node_has_changes_wasm, _ts_node_has_error_wasm, _ts_node_is_error_wasm, _ts_node_is_missing_wasm, _ts_node_is_extra_wasm, _ts_node_parse_state_wasm, _ts_node_next_parse_state_wasm, _ts_query_matches_wasm, _ts_query_captures_wasm, _memset, _memcpy, _memmove, _iswalpha, _iswblank, _iswdigit, _iswlower, _iswpunct, _iswupper, _iswxdigit, _memchr, _strcmp, _strncat, _strncpy, _towlower, _towupper, _setThrew, __emscripten_stack_restore, __emscripten_stack_alloc, _emscripten_stack_get_current, ___wasm_apply_data_relocs;
  function assignWasmExports(wasmExports2) {
    Module["_malloc"] = _malloc = wasmExports2["malloc"];
    Module["_calloc"] = _calloc = wasmExports2["calloc"];
    Module["_realloc"] = _realloc = wasmExports2["realloc"];
    Module["_free"] = _free = wasmExports2["free"];
    Module["_ts_range_edit"] = _ts_range_edit = wasmExports2["ts_range_edit"];
    Module["_memcmp"] = _memcmp = wasmExports2["memcmp"];
    Module["_ts_language_symbol_count"] = _ts_language_symbol_count = wasmExports2["ts_language_symbol_count"];
    Module["_ts_language_state_count"] = _ts_language_state_count = wasmExports2["ts_language_state_count"];
    Module["_ts_language_abi_version"] = _ts_language_abi_version = wasmExports2["ts_language_abi_version"];
    Module["_ts_language_name"] = _ts_language_name = wasmExports2["ts_language_name"];
    Module["_ts_language_field_count"] = _ts_language_field_count = wasmExports2["ts_language_field_count"];
    Module["_ts_language_next_state"] = _ts_language_next_state = wasmExports2["ts_language_next_state"];
    Module["_ts_language_symbol_name"] = _ts_language_symbol_name = wasmExports2["ts_language_symbol_name"];
    Module["_ts_language_symbol_for_name"] = _ts_language_symbol_for_name = wasmExports2["ts_language_symbol_for_name"];
    Module["_strncmp"] = _strncmp = wasmExports2["strncmp"];
    Module["_strlen"] = _strlen = wasmExports2["strlen"];
    Module["_ts_language_symbol_type"] = _ts_language_symbol_type = wasmExports2["ts_language_symbol_type"];
    Module["_ts_language_field_name_for_id"] = _ts_language_field_name_for_id = wasmExports2["ts_language_field_name_for_id"];
    Module["_ts_lookahead_iterator_new"] = _ts_lookahead_iterator_new = wasmExports2["ts_lookahead_iterator_new"];
    Module["_ts_lookahead_iterator_delete"] = _ts_lookahead_iterator_delete = wasmExports2["ts_lookahead_iterator_delete"];
    Module["_ts_lookahead_iterator_reset_state"] = _ts_lookahead_iterator_reset_state = wasmExports2["ts_lookahead_iterator_reset_state"];
    Module["_ts_lookahead_iterator_reset"] = _ts_lookahead_iterator_reset = wasmExports2["ts_lookahead_iterator_reset"];
    Module["_ts_lookahead_iterator_next"] = _ts_lookahead_iterator_next = wasmExports2["ts_lookahead_iterator_next"];
    Module["_ts_lookahead_iterator_current_symbol"] = _ts_lookahead_iterator_current_symbol = wasmExports2["ts_lookahead_iterator_current_symbol"];
    Module["_ts_point_edit"] = _ts_point_edit = wasmExports2["ts_point_edit"];
    Module["_ts_parser_delete"] = _ts_parser_delete = wasmExports2["ts_parser_delete"];
    Module["_ts_parser_reset"] = _ts_parser_reset = wasmExports2["ts_parser_reset"];
    Module["_ts_parser_set_language"] = _ts_parser_set_language = wasmExports2["ts_parser_set_language"];
    Module["_ts_parser_set_included_ranges"] = _ts_parser_set_included_ranges = wasmExports2["ts_parser_set_included_ranges"];
    Module["_ts_query_new"] = _ts_query_new = wasmExports2["ts_query_new"];
    Module["_ts_query_delete"] = _ts_query_delete = wasmExports2["ts_query_delete"];
    Module["_iswspace"] = _iswspace = wasmExports2["iswspace"];
    Module["_iswalnum"] = _iswalnum = wasmExports2["iswalnum"];
    Module["_ts_query_copy"] = _ts_query_copy = wasmExports2["ts_query_copy"];
    Module["_ts_query_pattern_count"] = _ts_query_pattern_count = wasmExports2["ts_query_pattern_count"];
    Module["_ts_query_capture_count"] = _ts_query_capture_count = wasmExports2["ts_query_capture_count"];
    Module["_ts_query_string_count"] = _ts_query_string_count = wasmExports2["ts_query_string_count"];
    Module["_ts_query_capture_name_for_id"] = _ts_query_capture_name_for_id = wasmExports2["ts_query_capture_name_for_id"];
    Module["_ts_query_capture_quantifier_for_id"] = _ts_query_capture_quantifier_for_id = wasmExports2["ts_query_capture_quantifier_for_id"];
    Module["_ts_query_string_value_for_id"] = _ts_query_string_value_for_id = wasmExports2["ts_query_string_value_for_id"];
    Module["_ts_query_predicates_for_pattern"] = _ts_query_predicates_for_pattern = wasmExports2["ts_query_predicates_for_pattern"];
    Module["_ts_query_start_byte_for_pattern"] = _ts_query_start_byte_for_pattern = wasmExports2["ts_query_start_byte_for_pattern"];
    Module["_ts_query_end_byte_for_pattern"] = _ts_query_end_byte_for_pattern = wasmExports2["ts_query_end_byte_for_pattern"];
    Module["_ts_query_is_pattern_rooted"] = _ts_query_is_pattern_rooted = wasmExports2["ts_query_is_pattern_rooted"];
    Module["_ts_query_is_pattern_non_local"] = _ts_query_is_pattern_non_local = wasmExports2["ts_query_is_pattern_non_local"];
    Module["_ts_query_is_pattern_guaranteed_at_step"] = _ts_query_is_pattern_guaranteed_at_step = wasmExports2["ts_query_is_pattern_guaranteed_at_step"];
    Module["_ts_query_disable_capture"] = _ts_query_disable_capture = wasmExports2["ts_query_disable_capture"];
    Module["_ts_query_disable_pattern"] = _ts_query_disable_pattern = wasmExports2["ts_query_disable_pattern"];
    Module["_ts_tree_copy"] = _ts_tree_copy = wasmExports2["ts_tree_copy"];
    Module["_ts_tree_delete"] = _ts_tree_delete = wasmExports2["ts_tree_delete"];
    Module["_ts_init"] = _ts_init = wasmExports2["ts_init"];
    Module["_ts_parser_new_wasm"] = _ts_parser_new_wasm = wasmExports2["ts_parser_new_wasm"];
    Module["_ts_parser_enable_logger_wasm"] = _ts_parser_enable_logger_wasm = wasmExports2["ts_parser_enable_logger_wasm"];
    Module["_ts_parser_parse_wasm"] = _ts_parser_parse_wasm = wasmExports2["ts_parser_parse_wasm"];
    Module["_ts_parser_included_ranges_wasm"] = _ts_parser_included_ranges_wasm = wasmExports2["ts_parser_included_ranges_wasm"];
    Module["_ts_language_type_is_named_wasm"] = _ts_language_type_is_named_wasm = wasmExports2["ts_language_type_is_named_wasm"];
    Module["_ts_language_type_is_visible_wasm"] = _ts_language_type_is_visible_wasm = wasmExports2["ts_language_type_is_visible_wasm"];
    Module["_ts_language_metadata_wasm"] = _ts_language_metadata_wasm = wasmExports2["ts_language_metadata_wasm"];
    Module["_ts_language_supertypes_wasm"] = _ts_language_supertypes_wasm = wasmExports2["ts_language_supertypes_wasm"];
    Module["_ts_language_subtypes_wasm"] = _ts_language_subtypes_wasm = wasmExports2["ts_language_subtypes_wasm"];
    Module["_ts_tree_root_node_wasm"] = _ts_tree_root_node_wasm = wasmExports2["ts_tree_root_node_wasm"];
    Module["_ts_tree_root_node_with_offset_wasm"] = _ts_tree_root_node_with_offset_wasm = wasmExports2["ts_tree_root_node_with_offset_wasm"];
    Module["_ts_tree_edit_wasm"] = _ts_tree_edit_wasm = wasmExports2["ts_tree_edit_wasm"];
    Module["_ts_tree_included_ranges_wasm"] = _ts_tree_included_ranges_wasm = wasmExports2["ts_tree_included_ranges_wasm"];
    Module["_ts_tree_get_changed_ranges_wasm"] = _ts_tree_get_changed_ranges_wasm = wasmExports2["ts_tree_get_changed_ranges_wasm"];
    Module["_ts_tree_cursor_new_wasm"] = _ts_tree_cursor_new_wasm = wasmExports2["ts_tree_cursor_new_wasm"];
    Module["_ts_tree_cursor_copy_wasm"] = _ts_tree_cursor_copy_wasm = wasmExports2["ts_tree_cursor_copy_wasm"];
    Module["_ts_tree_cursor_delete_wasm"] = _ts_tree_cursor_delete_wasm = wasmExports2["ts_tree_cursor_delete_wasm"];
    Module["_ts_tree_cursor_reset_wasm"] = _ts_tree_cursor_reset_wasm = wasmExports2["ts_tree_cursor_reset_wasm"];
    Module["_ts_tree_cursor_reset_to_wasm"] = _ts_tree_cursor_reset_to_wasm = wasmExports2["ts_tree_cursor_reset_to_wasm"];
    Module["_ts_tree_cursor_goto_first_child_wasm"] = _ts_tree_cursor_goto_first_child_wasm = wasmExports2["ts_tree_cursor_goto_first_child_wasm"];
    Module["_ts_tree_cursor_goto_last_child_wasm"] = _ts_tree_cursor_goto_last_child_wasm = wasmExports2["ts_tree_cursor_goto_last_child_wasm"];
    Module["_ts_tree_cursor_goto_first_child_for_index_wasm"] = _ts_tree_cursor_goto_first_child_for_index_wasm = wasmExports2["ts_tree_cursor_goto_first_child_for_index_wasm"];
    Module["_ts_tree_cursor_goto_first_child_for_position_wasm"] = _ts_tree_cursor_goto_first_child_for_position_wasm = wasmExports2["ts_tree_cursor_goto_first_child_for_position_wasm"];
    Module["_ts_tree_cursor_goto_next_sibling_wasm"] = _ts_tree_cursor_goto_next_sibling_wasm = wasmExports2["ts_tree_cursor_goto_next_sibling_wasm"];
    Module["_ts_tree_cursor_goto_previous_sibling_wasm"] = _ts_tree_cursor_goto_previous_sibling_wasm = wasmExports2["ts_tree_cursor_goto_previous_sibling_wasm"];
    Module["_ts_tree_cursor_goto_descendant_wasm"] = _ts_tree_cursor_goto_descendant_wasm = wasmExports2["ts_tree_cursor_goto_descendant_wasm"];
    Module["_ts_tree_cursor_goto_parent_wasm"] = _ts_tree_cursor_goto_parent_wasm = wasmExports2["ts_tree_cursor_goto_parent_wasm"];
    Module["_ts_tree_cursor_current_node_type_id_wasm"] = _ts_tree_cursor_current_node_type_id_wasm = wasmExports2["ts_tree_cursor_current_node_type_id_wasm"];
    Module["_ts_tree_cursor_current_node_state_id_wasm"] = _ts_tree_cursor_current_node_state_id_wasm = wasmExports2["ts_tree_cursor_current_node_state_id_wasm"];
    Module["_ts_tree_cursor_current_node_is_named_wasm"] = _ts_tree_cursor_current_node_is_named_wasm = wasmExports2["ts_tree_cursor_current_node_is_named_wasm"];
    Module["_ts_tree_cursor_current_node_is_missing_wasm"] = _ts_tree_cursor_current_node_is_missing_wasm = wasmExports2["ts_tree_cursor_current_node_is_missing_wasm"];
    Module["_ts_tree_cursor_current_node_id_wasm"] = _ts_tree_cursor_current_node_id_wasm = wasmExports2["ts_tree_cursor_current_node_id_wasm"];
    Module["_ts_tree_cursor_start_position_wasm"] = _ts_tree_cursor_start_position_wasm = wasmExports2["ts_tree_cursor_start_position_wasm"];
    Module["_ts_tree_cursor_end_position_wasm"] = _ts_tree_cursor_end_position_wasm = wasmExports2["ts_tree_cursor_end_position_wasm"];
    Module["_ts_tree_cursor_start_index_wasm"] = _ts_tree_cursor_start_index_wasm = wasmExports2["ts_tree_cursor_start_index_wasm"];
    Module["_ts_tree_cursor_end_index_wasm"] = _ts_tree_cursor_end_index_wasm = wasmExports2["ts_tree_cursor_end_index_wasm"];
    Module["_ts_tree_cursor_current_field_id_wasm"] = _ts_tree_cursor_current_field_id_wasm = wasmExports2["ts_tree_cursor_current_field_id_wasm"];
    Module["_ts_tree_cursor_current_depth_wasm"] = _ts_tree_cursor_current_depth_wasm = wasmExports2["ts_tree_cursor_current_depth_wasm"];
    Module["_ts_tree_cursor_current_descendant_index_wasm"] = _ts_tree_cursor_current_descendant_index_wasm = wasmExports2["ts_tree_cursor_current_descendant_index_wasm"];
    Module["_ts_tree_cursor_current_node_wasm"] = _ts_tree_cursor_current_node_wasm = wasmExports2["ts_tree_cursor_current_node_wasm"];
    Module["_ts_node_symbol_wasm"] = _ts_node_symbol_wasm = wasmExports2["ts_node_symbol_wasm"];
    Module["_ts_node_field_name_for_child_wasm"] = _ts_node_field_name_for_child_wasm = wasmExports2["ts_node_field_name_for_child_wasm"];
    Module["_ts_node_field_name_for_named_child_wasm"] = _ts_node_field_name_for_named_child_wasm = wasmExports2["ts_node_field_name_for_named_child_wasm"];
    Module["_ts_node_children_by_field_id_wasm"] = _ts_node_children_by_field_id_wasm = wasmExports2["ts_node_children_by_field_id_wasm"];
    Module["_ts_node_first_child_for_byte_wasm"] = _ts_node_first_child_for_byte_wasm = wasmExports2["ts_node_first_child_for_byte_wasm"];
    Module["_ts_node_first_named_child_for_byte_wasm"] = _ts_node_first_named_child_for_byte_wasm = wasmExports2["ts_node_first_named_child_for_byte_wasm"];
    Module["_ts_node_grammar_symbol_wasm"] = _ts_node_grammar_symbol_wasm = wasmExports2["ts_node_grammar_symbol_wasm"];
    Module["_ts_node_child_count_wasm"] = _ts_node_child_count_wasm = wasmExports2["ts_node_child_count_wasm"];
    Module["_ts_node_named_child_count_wasm"] = _ts_node_named_child_count_wasm = wasmExports2["ts_node_named_child_count_wasm"];
    Module["_ts_node_child_wasm"] = _ts_node_child_wasm = wasmExports2["ts_node_child_wasm"];
    Module["_ts_node_named_child_wasm"] = _ts_node_named_child_wasm = wasmExports2["ts_node_named_child_wasm"];
    Module["_ts_node_child_by_field_id_wasm"] = _ts_node_child_by_field_id_wasm = wasmExports2["ts_node_child_by_field_id_wasm"];
    Module["_ts_node_next_sibling_wasm"] = _ts_node_next_sibling_wasm = wasmExports2["ts_node_next_sibling_wasm"];
    Module["_ts_node_prev_sibling_wasm"] = _ts_node_prev_sibling_wasm = wasmExports2["ts_node_prev_sibling_wasm"];
    Module["_ts_node_next_named_sibling_wasm"] = _ts_node_next_named_sibling_wasm = wasmExports2["ts_node_next_named_sibling_wasm"];
    Module["_ts_node_prev_named_sibling_wasm"] = _ts_node_prev_named_sibling_wasm = wasmExports2["ts_node_prev_named_sibling_wasm"];
    Module["_ts_node_descendant_count_wasm"] = _ts_node_descendant_count_wasm = wasmExports2["ts_node_descendant_count_wasm"];
    Module["_ts_node_parent_wasm"] = _ts_node_parent_wasm = wasmExports2["ts_node_parent_wasm"];
    Module["_ts_node_child_with_descendant_wasm"] = _ts_node_child_with_descendant_wasm = wasmExports2["ts_node_child_with_descendant_wasm"];
    Module["_ts_node_descendant_for_index_wasm"] = _ts_node_descendant_for_index_wasm = wasmExports2["ts_node_descendant_for_index_wasm"];
    Module["_ts_node_named_descendant_for_index_wasm"] = _ts_node_named_descendant_for_index_wasm = wasmExports2["ts_node_named_descendant_for_index_wasm"];
    Module["_ts_node_descendant_for_position_wasm"] = _ts_node_descendant_for_position_wasm = wasmExports2["ts_node_descendant_for_position_wasm"];
    Module["_ts_node_named_descendant_for_position_wasm"] = _ts_node_named_descendant_for_position_wasm = wasmExports2["ts_node_named_descendant_for_position_wasm"];
    Module["_ts_node_start_point_wasm"] = _ts_node_start_point_wasm = wasmExports2["ts_node_start_point_wasm"];
    Module["_ts_node_end_point_wasm"] = _ts_node_end_point_wasm = wasmExports2["ts_node_end_point_wasm"];
    Module["_ts_node_start_index_wasm"] = _ts_node_start_index_wasm = wasmExports2["ts_node_start_index_wasm"];
    Module["_ts_node_end_index_wasm"] = _ts_node_end_index_wasm = wasmExports2["ts_node_end_index_wasm"];
    Module["_ts_node_to_string_wasm"] = _ts_node_to_string_wasm = wasmExports2["ts_node_to_string_wasm"];
    Module["_ts_node_children_wasm"] = _ts_node_children_wasm = wasmExports2["ts_node_children_wasm"];
    Module["_ts_node_named_children_wasm"] = _ts_node_named_children_wasm = wasmExports2["ts_node_named_children_wasm"];
    Module["_ts_node_descendants_of_type_wasm"] = _ts_node_descendants_of_type_wasm = wasmExports2["ts_node_descendants_of_type_wasm"];
    Module["_ts_node_is_named_wasm"] = _ts_node_is_named_wasm = wasmExports2["ts_node_is_named_wasm"];
    Module["_ts_node_has_changes_wasm"] = _ts_node_has_changes_wasm = wasmExports2["ts_node_has_changes_wasm"];
    Module["_ts_node_has_error_wasm"] = _ts_node_has_error_wasm = wasmExports2["ts_node_has_error_wasm"];
    Module["_ts_node_is_error_wasm"] = _ts_node_is_error_wasm = wasmExports2["ts_node_is_error_wasm"];
    Module["_ts_node_is_missing_wasm"] = _ts_node_is_missing_wasm = wasmExports2["ts_node_is_missing_wasm"];
    Module["_ts_node_is_extra_wasm"] = _ts_node_is_extra_wasm = wasmExports2["ts_node_is_extra_wasm"];
    Module["_ts_node_parse_state_wasm"] = _ts_node_parse_state_wasm = wasmExports2["ts_node_parse_state_wasm"];
    Module["_ts_node_next_parse_state_wasm"] = _ts_node_next_parse_state_wasm = wasmExports2["ts_node_next_parse_state_wasm"];
    Module["_ts_query_matches_wasm"] = _ts_query_matches_wasm = wasmExports2["ts_query_matches_wasm"];
    Module["_ts_query_captures_wasm"] = _ts_query_captures_wasm = wasmExports2["ts_query_captures_wasm"];
    Module["_memset"] = _memset = wasmExports2["memset"];
    Module["_memcpy"] = _memcpy = wasmExports2["memcpy"];
    Module["_memmove"] = _memmove = wasmExports2["memmove"];
    Module["_iswalpha"] = _iswalpha = wasmExports2["iswalpha"];
    Module["_iswblank"] = _iswblank = wasmExports2["iswblank"];
    Module["_iswdigit"] = _iswdigit = wasmExports2["iswdigit"];
    Module["_iswlower"] = _iswlower = wasmExports2["iswlower"];
    Module["_iswpunct"] = _iswpunct = wasmExports2["iswpunct"];
    Module["_iswupper"] = _iswupper = wasmExports2["iswupper"];
    Module["_iswxdigit"] = _iswxdigit = wasmExports2["iswxdigit"];
    Module["_memchr"] = _memchr = wasmExports2["memchr"];
    Module["_strcmp"] = _strcmp = wasmExports2["strcmp"];
    Module["_strncat"] = _strncat = wasmExports2["strncat"];
    Module["_strncpy"] = _strncpy = wasmExports2["strncpy"];
    Module["_towlower"] = _towlower = wasmExports2["towlower"];
    Module["_towupper"] = _towupper = wasmExports2["towupper"];
    _setThrew = wasmExports2["setThrew"];
    __emscripten_stack_restore = wasmExports2["_emscripten_stack_restore"];
    __emscripten_stack_alloc = wasmExports2["_emscripten_stack_alloc"];
    _emscripten_stack_get_current = wasmExports2["emscripten_stack_get_current"];
    ___wasm_apply_data_relocs = wasmExports2["__wasm_apply_data_relocs"];
  }
  __name(assignWasmExports, "assignWasmExports");
  var wasmImports = {
    /** @export */
    __heap_base: ___heap_base,
    /** @export */
    __indirect_function_table: wasmTable,
    /** @export */
    __memory_base: ___memory_base,
    /** @export */
    __stack_high: ___stack_high,
    /** @export */
    __stack_low: ___stack_low,
    /** @export */
    __stack_pointer: ___stack_pointer,
    /** @export */
    __table_base: ___table_base,
    /** @export */
    _abort_js: __abort_js,
    /** @export */
    emscripten_resize_heap: _emscripten_resize_heap,
    /** @export */
    fd_close: _fd_close,
    /** @export */
    fd_seek: _fd_seek,
    /** @export */
    fd_write: _fd_write,
    /** @export */
    memory: wasmMemory,
    /** @export */
    tree_sitter_log_callback: _tree_sitter_log_callback,
    /** @export */
    tree_sitter_parse_callback: _tree_sitter_parse_callback,
    /** @export */
    tree_sitter_progress_callback: _tree_sitter_progress_callback,
    /** @export */
    tree_sitter_query_progress_callback: _tree_sitter_query_progress_callback
  };
  function callMain(args2 = []) {
    var entryFunction = resolveGlobalSymbol("main").sym;
    if (!entryFunction) return;
    args2.unshift(thisProgram);
    var argc = args2.length;
    var argv = stackAlloc((argc + 1) * 4);
    var argv_ptr = argv;
    args2.forEach((arg) => {
      LE_HEAP_STORE_U32((argv_ptr >> 2) * 4, stringToUTF8OnStack(arg));
      argv_ptr += 4;
    });
    LE_HEAP_STORE_U32((argv_ptr >> 2) * 4, 0);
    try {
      var ret = entryFunction(argc, argv);
      exitJS(
        ret,
        /* implicit = */
        true
      );
      return ret;
    } catch (e) {
      return handleException(e);
    }
  }
  __name(callMain, "callMain");
  function run(args2 = arguments_) {
    if (runDependencies > 0) {
      dependenciesFulfilled = run;
      return;
    }
    preRun();
    if (runDependencies > 0) {
      dependenciesFulfilled = run;
      return;
    }
    function doRun() {
      Module["calledRun"] = true;
      if (ABORT) return;
      initRuntime();
      preMain();
      readyPromiseResolve?.(Module);
      Module["onRuntimeInitialized"]?.();
      var noInitialRun = Module["noInitialRun"] || false;
      if (!noInitialRun) callMain(args2);
      postRun();
    }
    __name(doRun, "doRun");
    if (Module["setStatus"]) {
      Module["setStatus"]("Running...");
      setTimeout(() => {
        setTimeout(() => Module["setStatus"](""), 1);
        doRun();
      }, 1);
    } else {
      doRun();
    }
  }
  __name(run, "run");
  var wasmExports;
  wasmExports = await createWasm();
  run();
  if (runtimeInitialized) {
    moduleRtn = Module;
  } else {
    moduleRtn = new Promise((resolve, reject) => {
      readyPromiseResolve = resolve;
      readyPromiseReject = reject;
    });
  }
  return moduleRtn;
}
__name(Module2, "Module");
var web_tree_sitter_default = Module2;
var Module3 = null;
async function initializeBinding(moduleOptions) {
  return Module3 ??= await web_tree_sitter_default(moduleOptions);
}
__name(initializeBinding, "initializeBinding");
function checkModule() {
  return !!Module3;
}
__name(checkModule, "checkModule");
var TRANSFER_BUFFER;
var LANGUAGE_VERSION;
var MIN_COMPATIBLE_VERSION;
var finalizer4 = newFinalizer((addresses) => {
  C._ts_parser_delete(addresses[0]);
  C._free(addresses[1]);
});
var Parser = class {
  static {
    __name(this, "Parser");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  [1] = 0;
  // Internal handle for Wasm
  /** @internal */
  logCallback = null;
  /** The parser's current language. */
  language = null;
  /**
   * This must always be called before creating a Parser.
   *
   * You can optionally pass in options to configure the Wasm module, the most common
   * one being `locateFile` to help the module find the `.wasm` file.
   */
  static async init(moduleOptions) {
    setModule(await initializeBinding(moduleOptions));
    TRANSFER_BUFFER = C._ts_init();
    LANGUAGE_VERSION = C.getValue(TRANSFER_BUFFER, "i32");
    MIN_COMPATIBLE_VERSION = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
  }
  /**
   * Create a new parser.
   */
  constructor() {
    this.initialize();
    finalizer4?.register(this, [this[0], this[1]], this);
  }
  /** @internal */
  initialize() {
    if (!checkModule()) {
      throw new Error("cannot construct a Parser before calling `init()`");
    }
    C._ts_parser_new_wasm();
    this[0] = C.getValue(TRANSFER_BUFFER, "i32");
    this[1] = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
  }
  /** Delete the parser, freeing its resources. */
  delete() {
    finalizer4?.unregister(this);
    C._ts_parser_delete(this[0]);
    C._free(this[1]);
    this[0] = 0;
    this[1] = 0;
  }
  /**
   * Set the language that the parser should use for parsing.
   *
   * If the language was not successfully assigned, an error will be thrown.
   * This happens if the language was generated with an incompatible
   * version of the Tree-sitter CLI. Check the language's version using
   * {@link Language#version} and compare it to this library's
   * {@link LANGUAGE_VERSION} and {@link MIN_COMPATIBLE_VERSION} constants.
   */
  setLanguage(language) {
    let address;
    if (!language) {
      address = 0;
      this.language = null;
    } else if (language.constructor === Language) {
      address = language[0];
      const version = C._ts_language_abi_version(address);
      if (version < MIN_COMPATIBLE_VERSION || LANGUAGE_VERSION < version) {
        throw new Error(
          `Incompatible language version ${version}. Compatibility range ${MIN_COMPATIBLE_VERSION} through ${LANGUAGE_VERSION}.`
        );
      }
      this.language = language;
    } else {
      throw new Error("Argument must be a Language");
    }
    C._ts_parser_set_language(this[0], address);
    return this;
  }
  /**
   * Parse a slice of UTF8 text.
   *
   * @param {string | ParseCallback} callback - The UTF8-encoded text to parse or a callback function.
   *
   * @param {Tree | null} [oldTree] - A previous syntax tree parsed from the same document. If the text of the
   *   document has changed since `oldTree` was created, then you must edit `oldTree` to match
   *   the new text using {@link Tree#edit}.
   *
   * @param {ParseOptions} [options] - Options for parsing the text.
   *  This can be used to set the included ranges, or a progress callback.
   *
   * @returns {Tree | null} A {@link Tree} if parsing succeeded, or `null` if:
   *  - The parser has not yet had a language assigned with {@link Parser#setLanguage}.
   *  - The progress callback returned true.
   */
  parse(callback, oldTree, options) {
    if (typeof callback === "string") {
      C.currentParseCallback = (index) => callback.slice(index);
    } else if (typeof callback === "function") {
      C.currentParseCallback = callback;
    } else {
      throw new Error("Argument must be a string or a function");
    }
    if (options?.progressCallback) {
      C.currentProgressCallback = options.progressCallback;
    } else {
      C.currentProgressCallback = null;
    }
    if (this.logCallback) {
      C.currentLogCallback = this.logCallback;
      C._ts_parser_enable_logger_wasm(this[0], 1);
    } else {
      C.currentLogCallback = null;
      C._ts_parser_enable_logger_wasm(this[0], 0);
    }
    let rangeCount = 0;
    let rangeAddress = 0;
    if (options?.includedRanges) {
      rangeCount = options.includedRanges.length;
      rangeAddress = C._calloc(rangeCount, SIZE_OF_RANGE);
      let address = rangeAddress;
      for (let i2 = 0; i2 < rangeCount; i2++) {
        marshalRange(address, options.includedRanges[i2]);
        address += SIZE_OF_RANGE;
      }
    }
    const treeAddress = C._ts_parser_parse_wasm(
      this[0],
      this[1],
      oldTree ? oldTree[0] : 0,
      rangeAddress,
      rangeCount
    );
    if (!treeAddress) {
      C.currentParseCallback = null;
      C.currentLogCallback = null;
      C.currentProgressCallback = null;
      return null;
    }
    if (!this.language) {
      throw new Error("Parser must have a language to parse");
    }
    const result = new Tree(INTERNAL, treeAddress, this.language, C.currentParseCallback);
    C.currentParseCallback = null;
    C.currentLogCallback = null;
    C.currentProgressCallback = null;
    return result;
  }
  /**
   * Instruct the parser to start the next parse from the beginning.
   *
   * If the parser previously failed because of a callback, 
   * then by default, it will resume where it left off on the
   * next call to {@link Parser#parse} or other parsing functions.
   * If you don't want to resume, and instead intend to use this parser to
   * parse some other document, you must call `reset` first.
   */
  reset() {
    C._ts_parser_reset(this[0]);
  }
  /** Get the ranges of text that the parser will include when parsing. */
  getIncludedRanges() {
    C._ts_parser_included_ranges_wasm(this[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalRange(address);
        address += SIZE_OF_RANGE;
      }
      C._free(buffer);
    }
    return result;
  }
  /** Set the logging callback that a parser should use during parsing. */
  setLogger(callback) {
    if (!callback) {
      this.logCallback = null;
    } else if (typeof callback !== "function") {
      throw new Error("Logger callback must be a function");
    } else {
      this.logCallback = callback;
    }
    return this;
  }
  /** Get the parser's current logger. */
  getLogger() {
    return this.logCallback;
  }
};
var PREDICATE_STEP_TYPE_CAPTURE = 1;
var PREDICATE_STEP_TYPE_STRING = 2;
var QUERY_WORD_REGEX = /[\w-]+/g;
var CaptureQuantifier = {
  Zero: 0,
  ZeroOrOne: 1,
  ZeroOrMore: 2,
  One: 3,
  OneOrMore: 4
};
var isCaptureStep = /* @__PURE__ */ __name((step) => step.type === "capture", "isCaptureStep");
var isStringStep = /* @__PURE__ */ __name((step) => step.type === "string", "isStringStep");
var QueryErrorKind = {
  Syntax: 1,
  NodeName: 2,
  FieldName: 3,
  CaptureName: 4,
  PatternStructure: 5
};
var QueryError = class _QueryError extends Error {
  constructor(kind, info2, index, length) {
    super(_QueryError.formatMessage(kind, info2));
    this.kind = kind;
    this.info = info2;
    this.index = index;
    this.length = length;
    this.name = "QueryError";
  }
  kind;
  info;
  index;
  length;
  static {
    __name(this, "QueryError");
  }
  /** Formats an error message based on the error kind and info */
  static formatMessage(kind, info2) {
    switch (kind) {
      case QueryErrorKind.NodeName:
        return `Bad node name '${info2.word}'`;
      case QueryErrorKind.FieldName:
        return `Bad field name '${info2.word}'`;
      case QueryErrorKind.CaptureName:
        return `Bad capture name @${info2.word}`;
      case QueryErrorKind.PatternStructure:
        return `Bad pattern structure at offset ${info2.suffix}`;
      case QueryErrorKind.Syntax:
        return `Bad syntax at offset ${info2.suffix}`;
    }
  }
};
function parseAnyPredicate(steps, index, operator, textPredicates) {
  if (steps.length !== 3) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected 2, got ${steps.length - 1}`
    );
  }
  if (!isCaptureStep(steps[1])) {
    throw new Error(
      `First argument of \`#${operator}\` predicate must be a capture. Got "${steps[1].value}"`
    );
  }
  const isPositive = operator === "eq?" || operator === "any-eq?";
  const matchAll = !operator.startsWith("any-");
  if (isCaptureStep(steps[2])) {
    const captureName1 = steps[1].name;
    const captureName2 = steps[2].name;
    textPredicates[index].push((captures) => {
      const nodes1 = [];
      const nodes2 = [];
      for (const c of captures) {
        if (c.name === captureName1) nodes1.push(c.node);
        if (c.name === captureName2) nodes2.push(c.node);
      }
      const compare = /* @__PURE__ */ __name((n1, n2, positive) => {
        return positive ? n1.text === n2.text : n1.text !== n2.text;
      }, "compare");
      return matchAll ? nodes1.every((n1) => nodes2.some((n2) => compare(n1, n2, isPositive))) : nodes1.some((n1) => nodes2.some((n2) => compare(n1, n2, isPositive)));
    });
  } else {
    const captureName = steps[1].name;
    const stringValue = steps[2].value;
    const matches = /* @__PURE__ */ __name((n) => n.text === stringValue, "matches");
    const doesNotMatch = /* @__PURE__ */ __name((n) => n.text !== stringValue, "doesNotMatch");
    textPredicates[index].push((captures) => {
      const nodes = [];
      for (const c of captures) {
        if (c.name === captureName) nodes.push(c.node);
      }
      const test = isPositive ? matches : doesNotMatch;
      return matchAll ? nodes.every(test) : nodes.some(test);
    });
  }
}
__name(parseAnyPredicate, "parseAnyPredicate");
function parseMatchPredicate(steps, index, operator, textPredicates) {
  if (steps.length !== 3) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected 2, got ${steps.length - 1}.`
    );
  }
  if (steps[1].type !== "capture") {
    throw new Error(
      `First argument of \`#${operator}\` predicate must be a capture. Got "${steps[1].value}".`
    );
  }
  if (steps[2].type !== "string") {
    throw new Error(
      `Second argument of \`#${operator}\` predicate must be a string. Got @${steps[2].name}.`
    );
  }
  const isPositive = operator === "match?" || operator === "any-match?";
  const matchAll = !operator.startsWith("any-");
  const captureName = steps[1].name;
  const regex = new RegExp(steps[2].value);
  textPredicates[index].push((captures) => {
    const nodes = [];
    for (const c of captures) {
      if (c.name === captureName) nodes.push(c.node.text);
    }
    const test = /* @__PURE__ */ __name((text, positive) => {
      return positive ? regex.test(text) : !regex.test(text);
    }, "test");
    if (nodes.length === 0) return !isPositive;
    return matchAll ? nodes.every((text) => test(text, isPositive)) : nodes.some((text) => test(text, isPositive));
  });
}
__name(parseMatchPredicate, "parseMatchPredicate");
function parseAnyOfPredicate(steps, index, operator, textPredicates) {
  if (steps.length < 2) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected at least 1. Got ${steps.length - 1}.`
    );
  }
  if (steps[1].type !== "capture") {
    throw new Error(
      `First argument of \`#${operator}\` predicate must be a capture. Got "${steps[1].value}".`
    );
  }
  const isPositive = operator === "any-of?";
  const captureName = steps[1].name;
  const stringSteps = steps.slice(2);
  if (!stringSteps.every(isStringStep)) {
    throw new Error(
      `Arguments to \`#${operator}\` predicate must be strings.".`
    );
  }
  const values = stringSteps.map((s) => s.value);
  textPredicates[index].push((captures) => {
    const nodes = [];
    for (const c of captures) {
      if (c.name === captureName) nodes.push(c.node.text);
    }
    if (nodes.length === 0) return !isPositive;
    return nodes.every((text) => values.includes(text)) === isPositive;
  });
}
__name(parseAnyOfPredicate, "parseAnyOfPredicate");
function parseIsPredicate(steps, index, operator, assertedProperties, refutedProperties) {
  if (steps.length < 2 || steps.length > 3) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected 1 or 2. Got ${steps.length - 1}.`
    );
  }
  if (!steps.every(isStringStep)) {
    throw new Error(
      `Arguments to \`#${operator}\` predicate must be strings.".`
    );
  }
  const properties = operator === "is?" ? assertedProperties : refutedProperties;
  if (!properties[index]) properties[index] = {};
  properties[index][steps[1].value] = steps[2]?.value ?? null;
}
__name(parseIsPredicate, "parseIsPredicate");
function parseSetDirective(steps, index, setProperties) {
  if (steps.length < 2 || steps.length > 3) {
    throw new Error(`Wrong number of arguments to \`#set!\` predicate. Expected 1 or 2. Got ${steps.length - 1}.`);
  }
  if (!steps.every(isStringStep)) {
    throw new Error(`Arguments to \`#set!\` predicate must be strings.".`);
  }
  if (!setProperties[index]) setProperties[index] = {};
  setProperties[index][steps[1].value] = steps[2]?.value ?? null;
}
__name(parseSetDirective, "parseSetDirective");
function parsePattern(index, stepType, stepValueId, captureNames, stringValues, steps, textPredicates, predicates, setProperties, assertedProperties, refutedProperties) {
  if (stepType === PREDICATE_STEP_TYPE_CAPTURE) {
    const name2 = captureNames[stepValueId];
    steps.push({ type: "capture", name: name2 });
  } else if (stepType === PREDICATE_STEP_TYPE_STRING) {
    steps.push({ type: "string", value: stringValues[stepValueId] });
  } else if (steps.length > 0) {
    if (steps[0].type !== "string") {
      throw new Error("Predicates must begin with a literal value");
    }
    const operator = steps[0].value;
    switch (operator) {
      case "any-not-eq?":
      case "not-eq?":
      case "any-eq?":
      case "eq?":
        parseAnyPredicate(steps, index, operator, textPredicates);
        break;
      case "any-not-match?":
      case "not-match?":
      case "any-match?":
      case "match?":
        parseMatchPredicate(steps, index, operator, textPredicates);
        break;
      case "not-any-of?":
      case "any-of?":
        parseAnyOfPredicate(steps, index, operator, textPredicates);
        break;
      case "is?":
      case "is-not?":
        parseIsPredicate(steps, index, operator, assertedProperties, refutedProperties);
        break;
      case "set!":
        parseSetDirective(steps, index, setProperties);
        break;
      default:
        predicates[index].push({ operator, operands: steps.slice(1) });
    }
    steps.length = 0;
  }
}
__name(parsePattern, "parsePattern");
function indexForByteOffset(source, byteOffset) {
  return new TextEncoder().encodeInto(source, new Uint8Array(byteOffset)).read;
}
__name(indexForByteOffset, "indexForByteOffset");
var finalizer5 = newFinalizer((address) => {
  C._ts_query_delete(address);
});
var Query = class {
  static {
    __name(this, "Query");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  exceededMatchLimit;
  /** @internal */
  textPredicates;
  /** @internal */
  source;
  /** The names of the captures used in the query. */
  captureNames;
  /** The quantifiers of the captures used in the query. */
  captureQuantifiers;
  /**
   * The other user-defined predicates associated with the given index.
   *
   * This includes predicates with operators other than:
   * - `match?`
   * - `eq?` and `not-eq?`
   * - `any-of?` and `not-any-of?`
   * - `is?` and `is-not?`
   * - `set!`
   */
  predicates;
  /** The properties for predicates with the operator `set!`. */
  setProperties;
  /** The properties for predicates with the operator `is?`. */
  assertedProperties;
  /** The properties for predicates with the operator `is-not?`. */
  refutedProperties;
  /** The maximum number of in-progress matches for this cursor. */
  matchLimit;
  /**
   * Create a new query from a string containing one or more S-expression
   * patterns.
   *
   * The query is associated with a particular language, and can only be run
   * on syntax nodes parsed with that language. References to Queries can be
   * shared between multiple threads.
   *
   * @link {@see https://tree-sitter.github.io/tree-sitter/using-parsers/queries}
   */
  constructor(language, source) {
    const sourceLength = C.lengthBytesUTF8(source);
    const sourceAddress = C._malloc(sourceLength + 1);
    C.stringToUTF8(source, sourceAddress, sourceLength + 1);
    const address = C._ts_query_new(
      language[0],
      sourceAddress,
      sourceLength,
      TRANSFER_BUFFER,
      TRANSFER_BUFFER + SIZE_OF_INT
    );
    if (!address) {
      const errorId = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
      const errorByte = C.getValue(TRANSFER_BUFFER, "i32");
      const errorIndex = C.UTF8ToString(sourceAddress, errorByte).length;
      const suffix = source.slice(errorIndex, errorIndex + 100).split("\n")[0];
      const word = suffix.match(QUERY_WORD_REGEX)?.[0] ?? "";
      C._free(sourceAddress);
      switch (errorId) {
        case QueryErrorKind.Syntax:
          throw new QueryError(QueryErrorKind.Syntax, { suffix: `${errorIndex}: '${suffix}'...` }, errorIndex, 0);
        case QueryErrorKind.NodeName:
          throw new QueryError(errorId, { word }, errorIndex, word.length);
        case QueryErrorKind.FieldName:
          throw new QueryError(errorId, { word }, errorIndex, word.length);
        case QueryErrorKind.CaptureName:
          throw new QueryError(errorId, { word }, errorIndex, word.length);
        case QueryErrorKind.PatternStructure:
          throw new QueryError(errorId, { suffix: `${errorIndex}: '${suffix}'...` }, errorIndex, 0);
      }
    }
    const stringCount = C._ts_query_string_count(address);
    const captureCount = C._ts_query_capture_count(address);
    const patternCount = C._ts_query_pattern_count(address);
    const captureNames = new Array(captureCount);
    const captureQuantifiers = new Array(patternCount);
    const stringValues = new Array(stringCount);
    for (let i2 = 0; i2 < captureCount; i2++) {
      const nameAddress = C._ts_query_capture_name_for_id(
        address,
        i2,
        TRANSFER_BUFFER
      );
      const nameLength = C.getValue(TRANSFER_BUFFER, "i32");
      captureNames[i2] = C.UTF8ToString(nameAddress, nameLength);
    }
    for (let i2 = 0; i2 < patternCount; i2++) {
      const captureQuantifiersArray = new Array(captureCount);
      for (let j = 0; j < captureCount; j++) {
        const quantifier = C._ts_query_capture_quantifier_for_id(address, i2, j);
        captureQuantifiersArray[j] = quantifier;
      }
      captureQuantifiers[i2] = captureQuantifiersArray;
    }
    for (let i2 = 0; i2 < stringCount; i2++) {
      const valueAddress = C._ts_query_string_value_for_id(
        address,
        i2,
        TRANSFER_BUFFER
      );
      const nameLength = C.getValue(TRANSFER_BUFFER, "i32");
      stringValues[i2] = C.UTF8ToString(valueAddress, nameLength);
    }
    const setProperties = new Array(patternCount);
    const assertedProperties = new Array(patternCount);
    const refutedProperties = new Array(patternCount);
    const predicates = new Array(patternCount);
    const textPredicates = new Array(patternCount);
    for (let i2 = 0; i2 < patternCount; i2++) {
      const predicatesAddress = C._ts_query_predicates_for_pattern(address, i2, TRANSFER_BUFFER);
      const stepCount = C.getValue(TRANSFER_BUFFER, "i32");
      predicates[i2] = [];
      textPredicates[i2] = [];
      const steps = new Array();
      let stepAddress = predicatesAddress;
      for (let j = 0; j < stepCount; j++) {
        const stepType = C.getValue(stepAddress, "i32");
        stepAddress += SIZE_OF_INT;
        const stepValueId = C.getValue(stepAddress, "i32");
        stepAddress += SIZE_OF_INT;
        parsePattern(
          i2,
          stepType,
          stepValueId,
          captureNames,
          stringValues,
          steps,
          textPredicates,
          predicates,
          setProperties,
          assertedProperties,
          refutedProperties
        );
      }
      Object.freeze(textPredicates[i2]);
      Object.freeze(predicates[i2]);
      Object.freeze(setProperties[i2]);
      Object.freeze(assertedProperties[i2]);
      Object.freeze(refutedProperties[i2]);
    }
    C._free(sourceAddress);
    this[0] = address;
    this.captureNames = captureNames;
    this.captureQuantifiers = captureQuantifiers;
    this.textPredicates = textPredicates;
    this.source = source;
    this.predicates = predicates;
    this.setProperties = setProperties;
    this.assertedProperties = assertedProperties;
    this.refutedProperties = refutedProperties;
    this.exceededMatchLimit = false;
    finalizer5?.register(this, address, this);
  }
  /** Delete the query, freeing its resources. */
  delete() {
    finalizer5?.unregister(this);
    C._ts_query_delete(this[0]);
    this[0] = 0;
  }
  /**
   * Iterate over all of the matches in the order that they were found.
   *
   * Each match contains the index of the pattern that matched, and a list of
   * captures. Because multiple patterns can match the same set of nodes,
   * one match may contain captures that appear *before* some of the
   * captures from a previous match.
   *
   * @param {Node} node - The node to execute the query on.
   *
   * @param {QueryOptions} options - Options for query execution.
   */
  matches(node, options = {}) {
    const startPosition = options.startPosition ?? ZERO_POINT;
    const endPosition = options.endPosition ?? ZERO_POINT;
    const startIndex = options.startIndex ?? 0;
    const endIndex = options.endIndex ?? 0;
    const startContainingPosition = options.startContainingPosition ?? ZERO_POINT;
    const endContainingPosition = options.endContainingPosition ?? ZERO_POINT;
    const startContainingIndex = options.startContainingIndex ?? 0;
    const endContainingIndex = options.endContainingIndex ?? 0;
    const matchLimit = options.matchLimit ?? 4294967295;
    const maxStartDepth = options.maxStartDepth ?? 4294967295;
    const progressCallback = options.progressCallback;
    if (typeof matchLimit !== "number") {
      throw new Error("Arguments must be numbers");
    }
    this.matchLimit = matchLimit;
    if (endIndex !== 0 && startIndex > endIndex) {
      throw new Error("`startIndex` cannot be greater than `endIndex`");
    }
    if (endPosition !== ZERO_POINT && (startPosition.row > endPosition.row || startPosition.row === endPosition.row && startPosition.column > endPosition.column)) {
      throw new Error("`startPosition` cannot be greater than `endPosition`");
    }
    if (endContainingIndex !== 0 && startContainingIndex > endContainingIndex) {
      throw new Error("`startContainingIndex` cannot be greater than `endContainingIndex`");
    }
    if (endContainingPosition !== ZERO_POINT && (startContainingPosition.row > endContainingPosition.row || startContainingPosition.row === endContainingPosition.row && startContainingPosition.column > endContainingPosition.column)) {
      throw new Error("`startContainingPosition` cannot be greater than `endContainingPosition`");
    }
    if (progressCallback) {
      C.currentQueryProgressCallback = progressCallback;
    }
    marshalNode(node);
    C._ts_query_matches_wasm(
      this[0],
      node.tree[0],
      startPosition.row,
      startPosition.column,
      endPosition.row,
      endPosition.column,
      startIndex,
      endIndex,
      startContainingPosition.row,
      startContainingPosition.column,
      endContainingPosition.row,
      endContainingPosition.column,
      startContainingIndex,
      endContainingIndex,
      matchLimit,
      maxStartDepth
    );
    const rawCount = C.getValue(TRANSFER_BUFFER, "i32");
    const startAddress = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const didExceedMatchLimit = C.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
    const result = new Array(rawCount);
    this.exceededMatchLimit = Boolean(didExceedMatchLimit);
    let filteredCount = 0;
    let address = startAddress;
    for (let i2 = 0; i2 < rawCount; i2++) {
      const patternIndex = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captureCount = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captures = new Array(captureCount);
      address = unmarshalCaptures(this, node.tree, address, patternIndex, captures);
      if (this.textPredicates[patternIndex].every((p) => p(captures))) {
        result[filteredCount] = { patternIndex, captures };
        const setProperties = this.setProperties[patternIndex];
        result[filteredCount].setProperties = setProperties;
        const assertedProperties = this.assertedProperties[patternIndex];
        result[filteredCount].assertedProperties = assertedProperties;
        const refutedProperties = this.refutedProperties[patternIndex];
        result[filteredCount].refutedProperties = refutedProperties;
        filteredCount++;
      }
    }
    result.length = filteredCount;
    C._free(startAddress);
    C.currentQueryProgressCallback = null;
    return result;
  }
  /**
   * Iterate over all of the individual captures in the order that they
   * appear.
   *
   * This is useful if you don't care about which pattern matched, and just
   * want a single, ordered sequence of captures.
   *
   * @param {Node} node - The node to execute the query on.
   *
   * @param {QueryOptions} options - Options for query execution.
   */
  captures(node, options = {}) {
    const startPosition = options.startPosition ?? ZERO_POINT;
    const endPosition = options.endPosition ?? ZERO_POINT;
    const startIndex = options.startIndex ?? 0;
    const endIndex = options.endIndex ?? 0;
    const startContainingPosition = options.startContainingPosition ?? ZERO_POINT;
    const endContainingPosition = options.endContainingPosition ?? ZERO_POINT;
    const startContainingIndex = options.startContainingIndex ?? 0;
    const endContainingIndex = options.endContainingIndex ?? 0;
    const matchLimit = options.matchLimit ?? 4294967295;
    const maxStartDepth = options.maxStartDepth ?? 4294967295;
    const progressCallback = options.progressCallback;
    if (typeof matchLimit !== "number") {
      throw new Error("Arguments must be numbers");
    }
    this.matchLimit = matchLimit;
    if (endIndex !== 0 && startIndex > endIndex) {
      throw new Error("`startIndex` cannot be greater than `endIndex`");
    }
    if (endPosition !== ZERO_POINT && (startPosition.row > endPosition.row || startPosition.row === endPosition.row && startPosition.column > endPosition.column)) {
      throw new Error("`startPosition` cannot be greater than `endPosition`");
    }
    if (endContainingIndex !== 0 && startContainingIndex > endContainingIndex) {
      throw new Error("`startContainingIndex` cannot be greater than `endContainingIndex`");
    }
    if (endContainingPosition !== ZERO_POINT && (startContainingPosition.row > endContainingPosition.row || startContainingPosition.row === endContainingPosition.row && startContainingPosition.column > endContainingPosition.column)) {
      throw new Error("`startContainingPosition` cannot be greater than `endContainingPosition`");
    }
    if (progressCallback) {
      C.currentQueryProgressCallback = progressCallback;
    }
    marshalNode(node);
    C._ts_query_captures_wasm(
      this[0],
      node.tree[0],
      startPosition.row,
      startPosition.column,
      endPosition.row,
      endPosition.column,
      startIndex,
      endIndex,
      startContainingPosition.row,
      startContainingPosition.column,
      endContainingPosition.row,
      endContainingPosition.column,
      startContainingIndex,
      endContainingIndex,
      matchLimit,
      maxStartDepth
    );
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const startAddress = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const didExceedMatchLimit = C.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
    const result = new Array();
    this.exceededMatchLimit = Boolean(didExceedMatchLimit);
    const captures = new Array();
    let address = startAddress;
    for (let i2 = 0; i2 < count; i2++) {
      const patternIndex = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captureCount = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captureIndex = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      captures.length = captureCount;
      address = unmarshalCaptures(this, node.tree, address, patternIndex, captures);
      if (this.textPredicates[patternIndex].every((p) => p(captures))) {
        const capture = captures[captureIndex];
        const setProperties = this.setProperties[patternIndex];
        capture.setProperties = setProperties;
        const assertedProperties = this.assertedProperties[patternIndex];
        capture.assertedProperties = assertedProperties;
        const refutedProperties = this.refutedProperties[patternIndex];
        capture.refutedProperties = refutedProperties;
        result.push(capture);
      }
    }
    C._free(startAddress);
    C.currentQueryProgressCallback = null;
    return result;
  }
  /** Get the predicates for a given pattern. */
  predicatesForPattern(patternIndex) {
    return this.predicates[patternIndex];
  }
  /**
   * Disable a certain capture within a query.
   *
   * This prevents the capture from being returned in matches, and also
   * avoids any resource usage associated with recording the capture.
   */
  disableCapture(captureName) {
    const captureNameLength = C.lengthBytesUTF8(captureName);
    const captureNameAddress = C._malloc(captureNameLength + 1);
    C.stringToUTF8(captureName, captureNameAddress, captureNameLength + 1);
    C._ts_query_disable_capture(this[0], captureNameAddress, captureNameLength);
    C._free(captureNameAddress);
  }
  /**
   * Disable a certain pattern within a query.
   *
   * This prevents the pattern from matching, and also avoids any resource
   * usage associated with the pattern. This throws an error if the pattern
   * index is out of bounds.
   */
  disablePattern(patternIndex) {
    if (patternIndex >= this.predicates.length) {
      throw new Error(
        `Pattern index is ${patternIndex} but the pattern count is ${this.predicates.length}`
      );
    }
    C._ts_query_disable_pattern(this[0], patternIndex);
  }
  /**
   * Check if, on its last execution, this cursor exceeded its maximum number
   * of in-progress matches.
   */
  didExceedMatchLimit() {
    return this.exceededMatchLimit;
  }
  /** Get the index where the given pattern starts in the query's source. */
  startIndexForPattern(patternIndex) {
    if (patternIndex >= this.predicates.length) {
      throw new Error(
        `Pattern index is ${patternIndex} but the pattern count is ${this.predicates.length}`
      );
    }
    const byteOffset = C._ts_query_start_byte_for_pattern(this[0], patternIndex);
    return indexForByteOffset(this.source, byteOffset);
  }
  /** Get the index where the given pattern ends in the query's source. */
  endIndexForPattern(patternIndex) {
    if (patternIndex >= this.predicates.length) {
      throw new Error(
        `Pattern index is ${patternIndex} but the pattern count is ${this.predicates.length}`
      );
    }
    const byteOffset = C._ts_query_end_byte_for_pattern(this[0], patternIndex);
    return indexForByteOffset(this.source, byteOffset);
  }
  /** Get the number of patterns in the query. */
  patternCount() {
    return C._ts_query_pattern_count(this[0]);
  }
  /** Get the index for a given capture name. */
  captureIndexForName(captureName) {
    return this.captureNames.indexOf(captureName);
  }
  /** Check if a given pattern within a query has a single root node. */
  isPatternRooted(patternIndex) {
    return C._ts_query_is_pattern_rooted(this[0], patternIndex) === 1;
  }
  /** Check if a given pattern within a query has a single root node. */
  isPatternNonLocal(patternIndex) {
    return C._ts_query_is_pattern_non_local(this[0], patternIndex) === 1;
  }
  /**
   * Check if the step at the given index in the query's source is 'definite'.
   *
   * A query step is 'definite' if its parent pattern will be guaranteed to
   * match successfully once it reaches the step.
   */
  isPatternGuaranteedAtStep(index) {
    const byteOffset = C.lengthBytesUTF8(this.source.slice(0, index));
    return C._ts_query_is_pattern_guaranteed_at_step(this[0], byteOffset) === 1;
  }
};

// src/parse/grammars.ts
var WASM_FILES = {
  runtime: { file: "web-tree-sitter.wasm", pkg: "web-tree-sitter" },
  bash: { file: "tree-sitter-bash.wasm", pkg: "tree-sitter-bash" },
  terraform: { file: "tree-sitter-terraform.wasm", pkg: "@tree-sitter-grammars/tree-sitter-hcl" },
  hcl: { file: "tree-sitter-hcl.wasm", pkg: "@tree-sitter-grammars/tree-sitter-hcl" }
};
function wasmPath(name2) {
  const { file, pkg } = WASM_FILES[name2];
  const here = dirname(fileURLToPath(import.meta.url));
  for (const bundled of [join(here, file), join(here, "..", file)]) if (existsSync(bundled)) return bundled;
  const require2 = createRequire(import.meta.url);
  let dir = dirname(require2.resolve(pkg));
  while (!existsSync(join(dir, file)) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, file);
}
var runtime;
var languages = /* @__PURE__ */ new Map();
function initRuntime2() {
  runtime ??= Parser.init({ locateFile: () => wasmPath("runtime") });
  return runtime;
}
var BASELINE_ONLY = /* @__PURE__ */ new Set(["bash"]);
async function compileLanguage(name2) {
  if (!BASELINE_ONLY.has(name2)) return Language.load(wasmPath(name2));
  setFlagsFromString("--liftoff-only");
  try {
    return await Language.load(wasmPath(name2));
  } finally {
    setFlagsFromString("--no-liftoff-only");
  }
}
async function loadLanguage(name2) {
  let language = languages.get(name2);
  if (!language) {
    language = initRuntime2().then(() => compileLanguage(name2));
    languages.set(name2, language);
  }
  return language;
}
async function createParser(name2) {
  const language = await loadLanguage(name2);
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

// src/parse/pool.ts
import { existsSync as existsSync2 } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname as dirname2, join as join2 } from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";
import { Worker } from "node:worker_threads";

// src/parse/shell.ts
import { posix } from "node:path";
var SHELL_BUILTINS = /* @__PURE__ */ new Set([
  // reserved words
  "!",
  "[[",
  "]]",
  "{",
  "}",
  "case",
  "coproc",
  "do",
  "done",
  "elif",
  "else",
  "esac",
  "fi",
  "for",
  "function",
  "if",
  "in",
  "select",
  "then",
  "time",
  "until",
  "while",
  // POSIX special and regular builtins
  ".",
  ":",
  "break",
  "continue",
  "eval",
  "exec",
  "exit",
  "export",
  "readonly",
  "return",
  "set",
  "shift",
  "times",
  "trap",
  "unset",
  "alias",
  "bg",
  "cd",
  "command",
  "false",
  "fc",
  "fg",
  "getopts",
  "hash",
  "jobs",
  "kill",
  "pwd",
  "read",
  "true",
  "type",
  "ulimit",
  "umask",
  "unalias",
  "wait",
  "echo",
  "printf",
  "test",
  "[",
  // bash builtins
  "bind",
  "builtin",
  "caller",
  "compgen",
  "complete",
  "compopt",
  "declare",
  "dirs",
  "disown",
  "enable",
  "help",
  "history",
  "let",
  "local",
  "logout",
  "mapfile",
  "popd",
  "pushd",
  "readarray",
  "shopt",
  "source",
  "suspend",
  "typeset"
]);
var parserPromise;
function bashParser() {
  parserPromise ??= createParser("bash").catch((err2) => {
    parserPromise = void 0;
    throw err2;
  });
  return parserPromise;
}
async function analyseShell(text, options = {}) {
  const parser = await bashParser();
  const lineOffset = options.lineOffset ?? 0;
  const columnOffset = options.columnOffset ?? 0;
  const line = (row) => row + 1 + lineOffset;
  const column = (row, col) => col + 1 + (row === 0 ? columnOffset : 0);
  const runPath = options.path ? options.path.join(":") : void 0;
  const analyzer = new Analyzer(parser, typeof text === "string" ? text : String(text), 0, void 0, runPath);
  const raw = analyzer.run();
  const functions = [...analyzer.functions];
  const fnSet = analyzer.functions;
  const commands = [];
  for (const c of raw.commands) {
    if (c.shellLookup && c.kind === "bare" && fnSet.has(c.program)) continue;
    const out2 = {
      program: c.program,
      kind: c.kind,
      line: line(c.row),
      column: column(c.row, c.col),
      via: c.via.slice()
    };
    if (c.path) out2.path = c.path.slice();
    if (c.relativeTo) out2.relativeTo = c.relativeTo;
    commands.push(out2);
  }
  const analysis = {
    commands,
    guards: raw.guards.map((g) => ({ program: g.program, line: line(g.row), column: column(g.row, g.col), check: g.check })),
    sources: raw.sources.map((s) => {
      const out2 = { path: s.path, line: line(s.row), column: column(s.row, s.col) };
      if (s.relativeTo) out2.relativeTo = s.relativeTo;
      return out2;
    }),
    writes: raw.writes,
    functions,
    parseErrors: analyzer.errors.map((e) => ({ line: line(e.row), column: column(e.row, e.col), message: e.message }))
  };
  const finalPath = analyzer.finalPath();
  if (finalPath) analysis.finalPath = finalPath;
  return analysis;
}
var SCRIPT_PATH = "\0P";
var SCRIPT_DIR = "\0D";
var MAX_EVAL_DEPTH = 48;
var MAX_NESTING = 4;
var MAX_VALUES = 16;
var MAX_ERRORS = 10;
var MAX_JOBS = 64;
var CRON_DEFAULT_PATH = "/usr/bin:/bin";
var WALK_TYPES = [
  "command",
  "variable_assignment",
  "unset_command",
  "if_statement",
  "elif_clause",
  "else_clause",
  "case_statement",
  "case_item",
  "list",
  "for_statement",
  "c_style_for_statement",
  "while_statement",
  "function_definition",
  "subshell",
  "command_substitution",
  "process_substitution",
  "pipeline",
  "test_command",
  "file_redirect",
  "heredoc_body",
  "ERROR"
];
var REDIRECT_TYPES = /* @__PURE__ */ new Set(["file_redirect", "heredoc_redirect", "herestring_redirect"]);
var FILE_TESTS = /* @__PURE__ */ new Set(["-e", "-f", "-x", "-s", "-r", "-w", "-L", "-h", "-a"]);
var SHELLS = /* @__PURE__ */ new Set(["sh", "bash", "dash", "zsh", "ksh", "ash", "mksh"]);
var WRITE_REDIRECTS = /* @__PURE__ */ new Set([">", ">>", ">|", "&>", "&>>", ">&"]);
var CRON_MACRO = /^@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)$/;
var CRON_TIME_FIELD = /^[0-9*][0-9*,/-]*$/;
var CRON_DATE_FIELD = /^(?:[0-9*?][0-9A-Za-z*?,/#-]*|[A-Za-z]{3}(?:[,-][A-Za-z]{3})*)$/;
var COMMON_USERS = /* @__PURE__ */ new Set(["root", "ec2-user", "ubuntu", "admin", "centos", "www-data", "nobody", "daemon", "deploy", "app", "apache", "nginx", "webapp"]);
var NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
var SUBST_HEAD = /^(?:\$\(|`)\s*(?:\\)?([A-Za-z/][A-Za-z0-9_./-]*)(?=[\s)`;&|]|$)/;
var SUBST_PROGRAMS = /* @__PURE__ */ new Set(["dirname", "readlink", "realpath", "command", "which", "type", "cd", "/usr/bin/dirname", "/usr/bin/readlink", "/usr/bin/realpath", "/usr/bin/which", "/bin/readlink"]);
var MISPLACED_KEYWORDS = /* @__PURE__ */ new Set(["then", "else", "elif", "fi", "do", "done", "esac", "}", "in", ";;"]);
var PLAIN_WORD = /^[A-Za-z0-9_./:@%+,=-]+$/;
var PLAIN_STRING = /^"[^"$`\\\n]*"$/;
var CRON_HINT = /(?:^|[\s"'])(?:@[a-z]+|[0-9*][0-9*,/-]*[ \t]+[0-9*][0-9*,/-]*[ \t]+\S+[ \t]+\S+[ \t]+\S+)[ \t]+\S/;
var USER_RE = /^[A-Za-z_][A-Za-z0-9_.-]*\$?$/;
var ASSIGNMENT_RE = /^[A-Za-z_][A-Za-z0-9_]*=/;
var SUDO = { short: "ughpCrtUDRT", long: ["user", "group", "host", "prompt", "close-from", "role", "type", "other-user", "chdir", "chroot", "command-timeout"], assignments: true };
var DOAS = { short: "uC" };
var ENV = { short: "uCS", long: ["unset", "chdir", "split-string"], assignments: true };
var EXEC = { short: "a" };
var NONE = { short: "" };
var TIMEOUT = { short: "sk", long: ["signal", "kill-after"] };
var NICE = { short: "n", long: ["adjustment"] };
var XARGS = { short: "adEILnPs", long: ["arg-file", "delimiter", "max-lines", "max-args", "max-procs", "max-chars", "process-slot-var"] };
var STDBUF = { short: "ioe", long: ["input", "output", "error"] };
var IONICE = { short: "cnpPu", long: ["class", "classdata", "pid", "pgid", "uid"] };
var SU = { short: "cgGsuw", long: ["command", "group", "supp-group", "shell", "user", "whitelist-environment", "session-command"] };
var FLOCK = { short: "wEc", long: ["timeout", "wait", "conflict-exit-code", "command"] };
var SHELL_OPTS = { short: "oO", long: ["rcfile", "init-file"] };
var CP = { short: "tS", long: ["target-directory", "suffix"] };
var INSTALL = { short: "mogtS", long: ["mode", "owner", "group", "target-directory", "suffix", "strip-program"] };
var MKDIR = { short: "m", long: ["mode"] };
var CURL = { short: "AbcCdDeEFHKmoPQrtTuUwxXyYz", long: ["output", "output-dir", "header", "data", "data-raw", "data-binary", "request", "user", "user-agent", "max-time", "connect-timeout", "retry", "retry-delay", "retry-max-time", "cacert", "cert", "key", "config", "proxy", "write-out", "form", "referer", "cookie", "cookie-jar", "upload-file", "range", "time-cond"] };
var WGET = { short: "oaeiBTtwUQlARPODXI", long: ["output-document", "directory-prefix", "output-file", "append-output", "execute", "input-file", "tries", "timeout", "wait", "user-agent", "header", "user", "password", "level", "accept", "reject"] };
var TAR = { short: "CfbFgHIKLNTVX", long: ["directory", "file", "exclude", "files-from", "transform", "owner", "group", "mode"] };
var UNZIP = { short: "dx", long: [] };
var CHMOD = { short: "", long: ["reference"] };
var CRONTAB = { short: "u" };
var READ = { short: "adinNptu" };
var HASH = { short: "p" };
var VarState = class {
  vars = /* @__PURE__ */ new Map();
  trail = [];
  get(name2) {
    return this.vars.get(name2);
  }
  set(name2, values) {
    this.trail.push({ name: name2, old: this.vars.get(name2) });
    this.vars.set(name2, values);
  }
  mark() {
    return this.trail.length;
  }
  delta(mark) {
    const d = /* @__PURE__ */ new Map();
    for (let i2 = mark; i2 < this.trail.length; i2++) {
      const name2 = this.trail[i2].name;
      if (!d.has(name2)) d.set(name2, this.vars.get(name2) ?? []);
    }
    return d;
  }
  undo(mark) {
    while (this.trail.length > mark) {
      const { name: name2, old } = this.trail.pop();
      if (old === void 0) this.vars.delete(name2);
      else this.vars.set(name2, old);
    }
  }
};
function uniq(values) {
  const out2 = [];
  const seen = /* @__PURE__ */ new Set();
  for (const v of values) {
    if (seen.has(v)) continue;
    seen.add(v);
    out2.push(v);
    if (out2.length >= MAX_VALUES) break;
  }
  return out2;
}
function dedupe(items, key) {
  const seen = /* @__PURE__ */ new Set();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
function baseName(p) {
  const i2 = p.lastIndexOf("/");
  return i2 < 0 ? p : p.slice(i2 + 1);
}
function hasUnescapedNewline(gap) {
  for (let i2 = gap.indexOf("\n"); i2 >= 0; i2 = gap.indexOf("\n", i2 + 1)) {
    if (gap[i2 - 1] !== "\\") return true;
  }
  return false;
}
function isUnquotedExpansion(node) {
  let n = node;
  if (n.type === "command_name") n = n.namedChildCount === 1 && n.childCount === 1 ? n.firstNamedChild : null;
  return n !== null && (n.type === "simple_expansion" || n.type === "expansion");
}
function stripQuotes(s) {
  return s.replace(/["']/g, "");
}
function skipOptions(lit, n, i2, spec) {
  while (i2 < n) {
    const a = lit(i2);
    if (a === null) return i2;
    if (a === "--") return i2 + 1;
    if (spec.assignments && ASSIGNMENT_RE.test(a)) {
      i2++;
      continue;
    }
    if (a.startsWith("--")) {
      const name2 = a.slice(2).split("=", 1)[0];
      i2 += !a.includes("=") && spec.long?.includes(name2) ? 2 : 1;
      continue;
    }
    if (a.length > 1 && a[0] === "-") {
      let step = 1;
      for (let k = 1; k < a.length; k++) {
        if (spec.short.includes(a[k])) {
          if (k === a.length - 1) step = 2;
          break;
        }
      }
      i2 += step;
      continue;
    }
    return i2;
  }
  return i2;
}
function scanArgs(lit, n, i2, spec) {
  const out2 = { operands: [], opts: /* @__PURE__ */ new Map(), flags: /* @__PURE__ */ new Set() };
  const add = (name2, value) => {
    if (typeof value === "number" && value >= n) return;
    const list = out2.opts.get(name2);
    if (list) list.push(value);
    else out2.opts.set(name2, [value]);
  };
  let onlyOperands = false;
  while (i2 < n) {
    const a = lit(i2);
    if (onlyOperands || a === null || a === "-" || a[0] !== "-") {
      out2.operands.push(i2);
      i2++;
      continue;
    }
    if (a === "--") {
      onlyOperands = true;
      i2++;
      continue;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name2 = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (eq >= 0) add(name2, a.slice(eq + 1));
      else if (spec.long?.includes(name2)) {
        add(name2, i2 + 1);
        i2++;
      } else out2.flags.add(name2);
      i2++;
      continue;
    }
    let consumed = false;
    for (let k = 1; k < a.length; k++) {
      const c = a[k];
      if (spec.short.includes(c)) {
        if (k < a.length - 1) add(c, a.slice(k + 1));
        else {
          add(c, i2 + 1);
          consumed = true;
        }
        break;
      }
      out2.flags.add(c);
    }
    i2 += consumed ? 2 : 1;
  }
  return out2;
}
function classifyCronPath(p) {
  if (!p) return void 0;
  if (p === "/etc/crontab" || p.startsWith("/etc/cron.d/")) return "system";
  if (p.startsWith("/var/spool/cron/")) return "user";
  return void 0;
}
function lineStarts(text) {
  const starts = [0];
  for (let i2 = text.indexOf("\n"); i2 >= 0; i2 = text.indexOf("\n", i2 + 1)) starts.push(i2 + 1);
  return starts;
}
function posAt(val, offset) {
  let acc = 0;
  const segs = val.segs;
  for (let i2 = 0; i2 < segs.length; i2++) {
    const seg = segs[i2];
    const len = seg.text.length;
    if (offset < acc + len || i2 === segs.length - 1) {
      if (!seg.exact) return { row: seg.row, col: seg.col };
      const delta = Math.max(0, Math.min(offset - acc, len));
      const before = seg.text.slice(0, delta);
      const nl = before.lastIndexOf("\n");
      if (nl < 0) return { row: seg.row, col: seg.col + delta };
      let rows = 0;
      for (let k = before.indexOf("\n"); k >= 0; k = before.indexOf("\n", k + 1)) rows++;
      return { row: seg.row + rows, col: delta - nl - 1 };
    }
    acc += len;
  }
  return { row: 0, col: 0 };
}
function literalVal(text, row, col, mode) {
  if (mode === "raw" || !text.includes("\\")) return { text, segs: [{ text, row, col, exact: true }] };
  const segs = [];
  let out2 = "";
  let runStart = 0;
  let runRow = row;
  let runCol = col;
  let r = row;
  let c = col;
  const flush = (end) => {
    if (end > runStart) {
      const piece = text.slice(runStart, end);
      segs.push({ text: piece, row: runRow, col: runCol, exact: true });
      out2 += piece;
    }
  };
  for (let i2 = 0; i2 < text.length; i2++) {
    const ch = text[i2];
    if (ch === "\\" && i2 + 1 < text.length) {
      const next = text[i2 + 1];
      const escapable = mode === "unquoted" || (mode === "dq" ? '$`"\\\n'.includes(next) : "$`\\\n".includes(next));
      if (escapable) {
        flush(i2);
        if (next === "\n") {
          r++;
          c = 0;
        } else {
          segs.push({ text: next, row: r, col: c + 1, exact: true });
          out2 += next;
          c += 2;
        }
        i2++;
        runStart = i2 + 1;
        runRow = r;
        runCol = c;
        continue;
      }
    }
    if (ch === "\n") {
      r++;
      c = 0;
    } else c++;
  }
  flush(text.length);
  if (segs.length === 0) segs.push({ text: "", row, col, exact: false });
  return { text: out2, segs };
}
function decodeAnsiC(body2) {
  const map = { n: "\n", t: "	", r: "\r", a: "\x07", b: "\b", e: "\x1B", E: "\x1B", f: "\f", v: "\v", "\\": "\\", "'": "'", '"': '"', "?": "?" };
  return body2.replace(/\\(.)/gs, (m, c) => map[c] ?? m);
}
function product(parts2) {
  let acc = [{ text: "", segs: [] }];
  for (const part of parts2) {
    if (part.length === 1) {
      const p = part[0];
      for (const a of acc) {
        a.text += p.text;
        a.segs = a.segs.concat(p.segs);
      }
      continue;
    }
    const next = [];
    outer: for (const a of acc) {
      for (const p of part) {
        next.push({ text: a.text + p.text, segs: a.segs.concat(p.segs) });
        if (next.length >= MAX_VALUES) break outer;
      }
    }
    acc = next;
  }
  return acc;
}
var Words = class _Words {
  constructor(a, entries) {
    this.a = a;
    this.entries = entries;
  }
  a;
  entries;
  cache = [];
  get length() {
    return this.entries.length;
  }
  node(i2) {
    return this.entries[i2].node;
  }
  vals(i2) {
    let v = this.cache[i2];
    if (v === void 0) {
      const e = this.entries[i2];
      v = e.fixed !== void 0 ? [{ text: e.fixed, segs: [{ text: e.fixed, row: e.node.startPosition.row, col: e.node.startPosition.column, exact: false }] }] : this.a.evalNode(e.node, 0, false);
      this.cache[i2] = v;
    }
    return v;
  }
  /** First possible value, or null when not a literal. */
  lit = (i2) => {
    if (i2 >= this.entries.length) return null;
    return this.vals(i2)?.[0]?.text ?? null;
  };
  /**
   * For option scanning: an option's literal value, else the word's source text — an operand, whose
   * value is evaluated where it is needed ('"$USER"' reads as an operand, never as an option).
   */
  opt = (i2) => {
    if (i2 >= this.entries.length) return null;
    const e = this.entries[i2];
    if (e.fixed !== void 0) return e.fixed;
    const raw = this.a.source(e.node);
    if (PLAIN_WORD.test(raw)) return raw;
    if (raw.startsWith("-") || raw.startsWith('"-') || raw.startsWith("'-")) return this.lit(i2) ?? raw;
    return raw;
  };
  /** Values of an option as scanned: all literal values of the word holding it, or the attached text. */
  optValues(list) {
    const out2 = [];
    for (const v of list ?? []) {
      if (typeof v === "number") out2.push(...this.all(v));
      else out2.push(v);
    }
    return out2;
  }
  all(i2) {
    return uniq((this.vals(i2) ?? []).map((v) => v.text));
  }
  /** Literal value of the raw source word, for messages ('$AWS'). */
  viaText(i2) {
    const e = this.entries[i2];
    if (e.fixed !== void 0) return void 0;
    const node = e.node;
    if (node.type === "raw_string" || node.type === "ansi_c_string" || node.type === "word") return void 0;
    const t = this.a.source(node);
    return /\$[A-Za-z_{(0-9@*#?!$-]|`/.test(t) ? stripQuotes(t) : void 0;
  }
  /** Split at entry i into the given literal fields (word splitting of an unquoted expansion). */
  splitAt(i2, fields) {
    const node = this.entries[i2].node;
    return new _Words(this.a, [...this.entries.slice(0, i2), ...fields.map((f) => ({ node, fixed: f })), ...this.entries.slice(i2 + 1)]);
  }
};
var Analyzer = class _Analyzer {
  constructor(parser, src, depth, initialPath, runPath) {
    this.parser = parser;
    this.src = src;
    this.depth = depth;
    this.runPath = runPath;
    if (initialPath !== void 0) this.state.set("PATH", [initialPath]);
  }
  parser;
  src;
  depth;
  runPath;
  state = new VarState();
  functions = /* @__PURE__ */ new Set();
  errors = [];
  commands = [];
  guards = [];
  sources = [];
  writes = /* @__PURE__ */ new Set();
  pathCache = /* @__PURE__ */ new Map();
  checkErrors = false;
  pathContext = false;
  substMemo = /* @__PURE__ */ new Map();
  /** ERROR nodes currently open in the walk (only the outermost is reported). */
  openErrors = 0;
  /** A shell reading its script from stdin (`bash <<EOF`): the command's start index and via. */
  stdinShell;
  run() {
    let tree = null;
    try {
      tree = this.parser.parse(this.src);
      if (!tree) {
        this.errors.push({ row: 0, col: 0, message: "the bash parser returned no tree" });
      } else {
        this.checkErrors = tree.rootNode.hasError;
        this.walk(tree);
      }
    } catch (err2) {
      if (this.errors.length < MAX_ERRORS + 1) {
        this.errors.push({ row: 0, col: 0, message: `internal error while analysing: ${err2 instanceof Error ? err2.message : String(err2)}` });
      }
    } finally {
      tree?.delete();
    }
    const commands = dedupe(
      this.commands.map((c, i2) => ({ c, i: i2 })).sort((x, y) => x.c.row - y.c.row || x.c.col - y.c.col || x.i - y.i).map((x) => x.c),
      (c) => `${c.row}:${c.col}:${c.program}:${c.via.join("")}:${c.path?.join(":") ?? ""}`
    );
    return {
      commands,
      guards: dedupe(this.guards, (g) => `${g.row}:${g.col}:${g.program}:${g.check}`),
      sources: dedupe(this.sources, (s) => `${s.row}:${s.col}:${s.path}`),
      writes: [...this.writes]
    };
  }
  finalPath() {
    const p = this.state.get("PATH");
    return p?.[0] !== void 0 ? this.splitPath(p[0]).slice() : void 0;
  }
  // -- walk ------------------------------------------------------------------------------------------
  //
  // One `descendantsOfType` call returns every node that matters, in document (pre-)order; nesting is
  // rebuilt from their ranges with an explicit stack of open nodes. This costs a fraction of a
  // TreeCursor walk over every node (each cursor step is a wasm round trip) and never recurses.
  walk(tree) {
    const nodes = tree.rootNode.descendantsOfType(WALK_TYPES);
    const stack = [];
    for (const node of nodes) {
      const start2 = node.startIndex;
      this.advance(stack, start2);
      this.visit(node, start2, stack);
    }
    this.advance(stack, Number.POSITIVE_INFINITY);
    if (this.checkErrors) this.findMissing(tree);
    this.errors.sort((a, b) => a.row - b.row || a.col - b.col);
    this.errors.splice(MAX_ERRORS);
  }
  /** Closes the open nodes that end at or before `pos` and starts branches that begin by then. */
  advance(stack, pos) {
    for (; ; ) {
      const top = stack[stack.length - 1];
      if (!top) return;
      if (top.end <= pos) {
        stack.pop();
        if (top.type === "ERROR") this.openErrors--;
        if (top.frame?.kind === "restore") this.state.undo(top.frame.mark);
        else if (top.frame?.kind === "branch") this.finishBranch(top.frame);
        continue;
      }
      const f = top.frame;
      if (f?.kind === "branch" && f.mark < 0 && f.start !== void 0 && f.start <= pos) {
        f.mark = this.state.mark();
        if (f.loopVar) this.state.set(f.loopVar.name, f.loopVar.values);
        continue;
      }
      return;
    }
  }
  visit(node, start2, stack) {
    const type = node.type;
    const top = stack[stack.length - 1];
    const open = (frame, extra = {}) => {
      stack.push({ type, end: node.endIndex, frame, ...extra });
    };
    const branch = (startAt) => ({ kind: "branch", mark: -1, deltas: [], exhaustive: false, start: startAt });
    switch (type) {
      case "command": {
        const nameStart = this.analyseCommand(node);
        open(null, { nameStart });
        return;
      }
      case "variable_assignment":
        if (top?.type === "command" && top.nameStart !== void 0 && start2 < top.nameStart) return;
        this.assign(node);
        return;
      case "if_statement": {
        const then = node.children.find((k) => k.type === "then");
        open(branch(then ? then.startIndex : start2));
        return;
      }
      case "elif_clause":
      case "else_clause":
        if (top?.type === "if_statement" && top.frame?.kind === "branch") {
          if (type === "else_clause") top.frame.exhaustive = true;
          this.switchBranch(top.frame);
        }
        return;
      case "case_statement":
        open(branch(void 0));
        return;
      case "case_item":
        if (top?.type === "case_statement" && top.frame?.kind === "branch") {
          if (node.childrenForFieldName("value").some((v) => v.text === "*")) top.frame.exhaustive = true;
          this.switchBranch(top.frame);
        }
        return;
      case "list": {
        const op = node.children.find((k) => k.type === "&&" || k.type === "||");
        open(branch(op ? op.endIndex : node.endIndex));
        return;
      }
      case "for_statement": {
        const f = branch(node.childForFieldName("body")?.startIndex ?? node.endIndex);
        const variable = node.childForFieldName("variable")?.text;
        if (variable && NAME_RE.test(variable)) {
          const values = [];
          const valueNodes = node.childrenForFieldName("value");
          for (const v of valueNodes) for (const val of this.evalNode(v, 0, false) ?? []) values.push(val.text);
          f.loopVar = { name: variable, values: valueNodes.length ? uniq(values) : [] };
        }
        open(f);
        return;
      }
      case "c_style_for_statement":
      case "while_statement":
        open(branch(node.childForFieldName("body")?.startIndex ?? node.endIndex));
        return;
      case "function_definition": {
        const name2 = node.childForFieldName("name")?.text;
        if (name2) this.functions.add(name2);
        open(branch(node.childForFieldName("body")?.startIndex ?? node.endIndex));
        return;
      }
      case "subshell":
      case "command_substitution":
      case "process_substitution":
      case "pipeline":
        open({ kind: "restore", mark: this.state.mark() });
        return;
      case "unset_command":
        for (const v of node.namedChildren) if (v.type === "variable_name") this.state.set(v.text, []);
        return;
      case "test_command":
        for (const u of node.descendantsOfType("unary_expression")) this.testGuard(u);
        return;
      case "file_redirect":
        this.redirectWrite(node);
        return;
      case "heredoc_body":
        this.heredoc(node);
        return;
      case "ERROR":
        if (this.openErrors++ === 0) {
          const text = node.text.split("\n", 1)[0].slice(0, 40);
          const { row, column } = node.startPosition;
          this.error(row, column, `syntax error near "${text}"`);
        }
        open(null);
        return;
      default:
        return;
    }
  }
  /** MISSING nodes (only looked for when the tree has errors). */
  findMissing(tree) {
    const c = tree.walk();
    try {
      let depth = 0;
      let found = 0;
      for (; ; ) {
        if (c.nodeIsMissing && found++ < MAX_ERRORS) {
          this.error(c.startPosition.row, c.startPosition.column, `missing "${c.nodeType}"`);
        }
        if (c.gotoFirstChild()) {
          depth++;
          continue;
        }
        while (!c.gotoNextSibling()) {
          if (depth === 0 || !c.gotoParent()) return;
          depth--;
        }
        if (depth === 0) return;
      }
    } finally {
      c.delete();
    }
  }
  switchBranch(f) {
    if (f.mark < 0) {
      f.mark = this.state.mark();
      return;
    }
    f.deltas.push(this.state.delta(f.mark));
    this.state.undo(f.mark);
  }
  finishBranch(f) {
    if (f.mark < 0) return;
    this.switchBranch(f);
    const names = /* @__PURE__ */ new Set();
    for (const d of f.deltas) for (const k of d.keys()) names.add(k);
    for (const name2 of names) {
      const input = this.state.get(name2);
      if (name2 === "PATH") {
        let last;
        for (const d of f.deltas) if (d.has(name2)) last = d.get(name2);
        if (last) this.state.set(name2, last);
        continue;
      }
      const all = [];
      if (!f.exhaustive && input) all.push(...input);
      for (const d of f.deltas) all.push(...d.get(name2) ?? input ?? []);
      this.state.set(name2, uniq(all));
    }
  }
  error(row, col, message) {
    if (this.errors.length < MAX_ERRORS * 2) this.errors.push({ row, col, message });
  }
  /** Source text of a node (cheaper than node.text: no extra wasm call for the start). */
  source(node) {
    return this.src.slice(node.startIndex, node.endIndex);
  }
  // -- values ----------------------------------------------------------------------------------------
  currentPathString() {
    return this.state.get("PATH")?.[0];
  }
  splitPath(p) {
    let out2 = this.pathCache.get(p);
    if (!out2) {
      out2 = [];
      for (const el of p.split(":")) {
        if (el === "$PATH") out2.push(el);
        else if (el.includes("$") || el.includes("\0") || el.includes("`") || el.startsWith("~")) continue;
        else out2.push(el === "" ? "." : el);
      }
      this.pathCache.set(p, out2);
    }
    return out2;
  }
  pathArray(override) {
    const p = override ?? this.currentPathString();
    return p === void 0 ? void 0 : this.splitPath(p).slice();
  }
  /** Evaluates the value of a PATH assignment to one PATH string. */
  evalPath(node) {
    if (!node) return "";
    this.pathContext = true;
    try {
      return this.evalNode(node, 0, true)?.[0]?.text ?? "";
    } finally {
      this.pathContext = false;
    }
  }
  lookup(name2) {
    const v = this.state.get(name2);
    if (v && v.length > 0) return v;
    if (name2 === "0" || name2 === "BASH_SOURCE" || name2 === "BASH_SOURCE[0]") return [SCRIPT_PATH];
    if (name2 === "PATH" && this.pathContext) return [this.runPath ?? "$PATH"];
    return null;
  }
  /** An unknown part in lenient mode: its source text, except $(…) which the outer shell has already run. */
  opaque(node) {
    const text = node.type === "command_substitution" ? "${__subst}" : node.text;
    return { text, segs: [{ text, row: node.startPosition.row, col: node.startPosition.column, exact: false }] };
  }
  valuesAt(values, node) {
    const { row, column } = node.startPosition;
    return values.map((text) => ({ text, segs: [{ text, row, col: column, exact: false }] }));
  }
  /**
   * Possible literal values of a word. null when some part is unknown, unless `lenient`, in which
   * case unknown parts keep their source text ('$HOME').
   */
  evalNode(node, depth, lenient) {
    if (depth > MAX_EVAL_DEPTH) return lenient ? [this.opaque(node)] : null;
    const { row, column } = node.startPosition;
    const start2 = node.startIndex;
    const len = node.endIndex - start2;
    if (len > 0 && len <= 256) {
      const t = this.src.slice(start2, start2 + len);
      if (PLAIN_WORD.test(t)) return [{ text: t, segs: [{ text: t, row, col: column, exact: true }] }];
      if (PLAIN_STRING.test(t)) {
        const body2 = t.slice(1, -1);
        return [{ text: body2, segs: [{ text: body2, row, col: column + 1, exact: true }] }];
      }
    }
    switch (node.type) {
      case "word":
      case "number":
      case "extglob_pattern":
      case "special_variable_name":
        return [literalVal(node.text, row, column, "unquoted")];
      case "raw_string": {
        const t = node.text;
        const body2 = t.length >= 2 && t.endsWith("'") ? t.slice(1, -1) : t.slice(1);
        return [{ text: body2, segs: [{ text: body2, row, col: column + 1, exact: true }] }];
      }
      case "ansi_c_string": {
        const t = node.text;
        const body2 = t.length >= 3 && t.endsWith("'") ? t.slice(2, -1) : t.slice(2);
        const decoded = decodeAnsiC(body2);
        return [{ text: decoded, segs: [{ text: decoded, row, col: column + 2, exact: decoded === body2 }] }];
      }
      case "string":
      case "translated_string":
        return this.evalSeq(node, "dq", depth, lenient);
      case "concatenation":
      case "command_name":
        return this.evalSeq(node, "unquoted", depth, lenient);
      case "heredoc_body":
        return node.childCount === 0 ? [literalVal(node.text, row, column, "raw")] : this.evalSeq(node, "heredoc", depth, lenient);
      case "simple_expansion": {
        const name2 = node.lastNamedChild?.text;
        const v = name2 ? this.lookup(name2) : null;
        return v ? this.valuesAt(v, node) : lenient ? [this.opaque(node)] : null;
      }
      case "expansion":
        return this.evalExpansion(node, depth, lenient);
      case "command_substitution": {
        const v = this.evalSubstitution(node, depth);
        return v ? this.valuesAt([v], node) : lenient ? [this.opaque(node)] : null;
      }
      default:
        return lenient ? [this.opaque(node)] : null;
    }
  }
  /** Children of a node in order, the text between them being literal. */
  evalSeq(node, mode, depth, lenient, from = 0, to = -1) {
    const kids = node.children;
    const end = to < 0 ? kids.length : to;
    const parts2 = [];
    let prevEnd = from === 0 ? node.startIndex : kids[from - 1].endIndex;
    let prevPos = from === 0 ? node.startPosition : kids[from - 1].endPosition;
    const gap = (until) => {
      if (until > prevEnd) parts2.push([literalVal(this.src.slice(prevEnd, until), prevPos.row, prevPos.column, mode)]);
    };
    for (let i2 = from; i2 < end; i2++) {
      const k = kids[i2];
      gap(k.startIndex);
      prevEnd = k.endIndex;
      prevPos = k.endPosition;
      if (!k.isNamed) {
        if (k.type === '"' || k.type === '$"') continue;
        parts2.push([literalVal(k.text, k.startPosition.row, k.startPosition.column, mode)]);
        continue;
      }
      if (k.type === "string_content" || k.type === "heredoc_content") {
        parts2.push([literalVal(k.text, k.startPosition.row, k.startPosition.column, mode)]);
        continue;
      }
      const v = this.evalNode(k, depth + 1, lenient);
      if (!v) return null;
      parts2.push(v);
    }
    if (to < 0) gap(node.endIndex);
    return product(parts2);
  }
  evalExpansion(node, depth, lenient) {
    const unknown = () => lenient ? [this.opaque(node)] : null;
    const kids = node.children;
    const base = kids[1];
    if (!base || !base.isNamed) return unknown();
    let name2;
    if (base.type === "variable_name" || base.type === "special_variable_name") name2 = base.text;
    else if (base.type === "subscript") {
      const n = base.childForFieldName("name")?.text;
      const idx = base.childForFieldName("index")?.text;
      if (n === "BASH_SOURCE" && (idx === "0" || idx === void 0)) name2 = "BASH_SOURCE";
    }
    if (!name2) return unknown();
    const opIndex = kids.findIndex((k) => k.type !== "${" && !k.isNamed && k.type !== "}");
    if (opIndex < 0) {
      const v = this.lookup(name2);
      return v ? this.valuesAt(v, node) : unknown();
    }
    const op = kids[opIndex].type;
    if (op === ":-" || op === "-" || op === ":=" || op === "=") {
      const known = this.state.get(name2);
      if (known && known.length > 0) return this.valuesAt(known, node);
      const closing = kids.length - 1;
      if (kids[closing]?.type !== "}") return unknown();
      const v = this.evalSeq(node, "unquoted", depth, lenient, opIndex + 1, closing);
      return v ?? unknown();
    }
    if ((op === "%" || op === "%%") && (name2 === "0" || name2 === "BASH_SOURCE")) {
      const pattern = kids[opIndex + 1]?.text;
      if (pattern === "/*") return this.valuesAt([SCRIPT_DIR], node);
    }
    return unknown();
  }
  /** $(dirname "$0"), $(cd "$(dirname "$0")" && pwd), $(command -v x), $(which x); else null. */
  evalSubstitution(node, depth) {
    if (depth > MAX_EVAL_DEPTH) return null;
    const head = SUBST_HEAD.exec(this.src.slice(node.startIndex, node.startIndex + 64));
    if (!head || !SUBST_PROGRAMS.has(head[1])) return null;
    const key = node.startIndex;
    const memo = this.substMemo.get(key);
    if (memo !== void 0) return memo;
    const result = this.evalSubstitutionUncached(node, depth);
    this.substMemo.set(key, result);
    return result;
  }
  evalSubstitutionUncached(node, depth) {
    const kids = node.namedChildren.filter((k) => k.type !== "comment");
    const words = (cmd) => {
      if (cmd.type !== "command") return null;
      const entries = [];
      for (const k of cmd.namedChildren) {
        if (k.type === "variable_assignment" || REDIRECT_TYPES.has(k.type)) continue;
        entries.push({ node: k });
      }
      return entries.length ? new Words(this, entries) : null;
    };
    const litDeep = (w, i2) => {
      const e = w.entries[i2];
      if (!e) return null;
      return this.evalNode(e.node, depth + 1, false)?.[0]?.text ?? null;
    };
    const single = (cmd) => {
      const w = words(cmd);
      if (!w) return null;
      const lit = (i2) => litDeep(w, i2);
      const prog = lit(0);
      if (prog === null) return null;
      const base = baseName(prog);
      const first = skipOptions(lit, w.length, 1, NONE);
      const arg = lit(first);
      switch (base) {
        case "dirname":
          if (arg === SCRIPT_PATH || arg === SCRIPT_DIR) return SCRIPT_DIR;
          if (arg?.startsWith(SCRIPT_DIR)) return SCRIPT_DIR + posix.dirname(arg.slice(SCRIPT_DIR.length) || "/").replace(/^\/$/, "");
          if (arg?.startsWith("/") && !arg.includes("\0")) return posix.dirname(arg);
          return null;
        case "readlink":
        case "realpath":
          return arg === SCRIPT_PATH || arg === SCRIPT_DIR ? arg : null;
        case "command": {
          const opt = lit(1);
          return opt === "-v" && lit(2) !== null && !lit(2).includes("\0") ? lit(2) : null;
        }
        case "which":
          return arg !== null && !arg.includes("\0") ? arg : null;
        case "type": {
          const opt = lit(1);
          return (opt === "-p" || opt === "-P") && lit(2) !== null ? lit(2) : null;
        }
        default:
          return null;
      }
    };
    const cdPwd = (cd, pwd) => {
      if (!cd || !pwd) return null;
      const w1 = words(cd);
      const w2 = words(pwd);
      if (!w1 || !w2 || litDeep(w1, 0) !== "cd" || litDeep(w2, 0) !== "pwd") return null;
      const lit = (i2) => litDeep(w1, i2);
      const dir = lit(skipOptions(lit, w1.length, 1, NONE));
      return dir === SCRIPT_DIR ? SCRIPT_DIR : null;
    };
    if (kids.length === 1) {
      const k = kids[0];
      if (k.type === "command") return single(k);
      if (k.type === "list") {
        const parts2 = k.namedChildren;
        return parts2.length === 2 ? cdPwd(parts2[0], parts2[1]) : null;
      }
      return null;
    }
    if (kids.length === 2) return cdPwd(kids[0], kids[1]);
    return null;
  }
  /** Renders a value as a path for writes/sources; null if it is not a usable literal. */
  renderPath(v) {
    if (v === "") return null;
    if (v.startsWith(SCRIPT_DIR)) {
      const rest = v.slice(SCRIPT_DIR.length);
      if (rest.includes("\0")) return null;
      if (rest === "") return { path: ".", relativeTo: "script" };
      if (!rest.startsWith("/")) return null;
      return { path: `.${rest}`, relativeTo: "script" };
    }
    if (v.includes("\0") || v.startsWith("~")) return null;
    return v.startsWith("/") ? { path: v } : { path: v, relativeTo: "cwd" };
  }
  // -- assignments -----------------------------------------------------------------------------------
  assign(node) {
    const nameNode = node.childForFieldName("name");
    if (!nameNode || nameNode.type !== "variable_name") return;
    const name2 = nameNode.text;
    const append = node.children.some((k) => k.type === "+=");
    const value = node.childForFieldName("value");
    let values;
    if (name2 === "PATH") {
      const v = this.evalPath(value);
      const old = this.currentPathString() ?? this.runPath ?? "$PATH";
      values = [append ? old + v : v];
    } else if (!value) values = [""];
    else if (value.type === "array") values = [];
    else {
      values = uniq((this.evalNode(value, 0, false) ?? []).map((v) => v.text));
      if (append) {
        const old = this.state.get(name2);
        values = old && old.length ? uniq(old.flatMap((o) => values.map((v) => o + v))) : [];
      }
    }
    this.state.set(name2, values);
  }
  // -- commands --------------------------------------------------------------------------------------
  /** Analyses one simple command; returns where its name starts. */
  analyseCommand(node) {
    const kids = node.namedChildren;
    const types = kids.map((k) => k.type);
    const nameIdx = types.indexOf("command_name");
    if (nameIdx < 0) return void 0;
    let standalone = -1;
    for (let j = 0; j < nameIdx; j++) {
      const gap = this.src.slice(kids[j].endIndex, kids[j + 1].startIndex);
      if (hasUnescapedNewline(gap)) standalone = j;
    }
    let pathOverride;
    for (let j = 0; j < nameIdx; j++) {
      const k = kids[j];
      if (types[j] !== "variable_assignment") continue;
      if (j <= standalone) this.assign(k);
      else if (k.childForFieldName("name")?.text === "PATH") pathOverride = this.evalPath(k.childForFieldName("value"));
    }
    const nameNode = kids[nameIdx];
    const nameText = this.source(nameNode);
    if (MISPLACED_KEYWORDS.has(nameText)) {
      this.error(nameNode.startPosition.row, nameNode.startPosition.column, `syntax error near unexpected "${nameText}"`);
      return nameNode.startIndex;
    }
    const entries = [{ node: nameNode }];
    for (let j = nameIdx + 1; j < kids.length; j++) {
      if (!REDIRECT_TYPES.has(types[j]) && types[j] !== "comment") entries.push({ node: kids[j] });
    }
    const jobs = [{ words: new Words(this, entries), i: 0, via: [], external: false, noFunc: false, pathOverride }];
    for (let n = 0; n < MAX_JOBS && jobs.length > 0; n++) this.runJob(jobs.shift(), jobs, node);
    return nameNode.startIndex;
  }
  runJob(job, jobs, cmdNode) {
    const { words, i: i2 } = job;
    if (i2 >= words.length) return;
    let value = job.value;
    if (value === void 0) {
      const vals = words.vals(i2);
      if (!vals) return;
      const texts = uniq(vals.map((v) => v.text));
      if (texts.length !== 1) {
        for (const t of texts) jobs.push({ ...job, value: t });
        return;
      }
      value = texts[0];
    }
    if (/\s/.test(value.trim()) && words.entries[i2].fixed === void 0 && isUnquotedExpansion(words.node(i2))) {
      const fields = value.trim().split(/\s+/);
      jobs.push({ ...job, words: words.splitAt(i2, fields), via: this.viaWith(job.via, words.viaText(i2)), value: void 0 });
      return;
    }
    const via = this.viaWith(job.via, words.viaText(i2));
    if (value.trim() === "") {
      if (words.entries[i2].fixed !== void 0 || isUnquotedExpansion(words.node(i2))) jobs.push({ ...job, i: i2 + 1, value: void 0 });
      return;
    }
    if (value.startsWith("~")) return;
    const pos = words.node(i2).startPosition;
    let program = value;
    let relativeTo;
    if (value.startsWith(SCRIPT_DIR)) {
      const r = this.renderPath(value);
      if (!r) return;
      program = r.path;
      relativeTo = "script";
    } else if (value.includes("\0")) return;
    const bare = !program.includes("/");
    if (bare && !job.external && SHELL_BUILTINS.has(program)) {
      this.builtin(program, { ...job, via }, jobs, cmdNode);
      return;
    }
    if (/[*?]/.test(program)) return;
    const kind = bare ? "bare" : program.startsWith("/") ? "absolute" : "relative";
    if (kind === "relative") relativeTo ??= "cwd";
    const rec = {
      program,
      kind,
      row: pos.row,
      col: pos.column,
      via,
      shellLookup: !job.external && !job.noFunc
    };
    const path = this.pathArray(job.pathOverride);
    if (path) rec.path = path;
    if (relativeTo) rec.relativeTo = relativeTo;
    this.commands.push(rec);
    this.external(baseName(program), { ...job, via }, jobs, cmdNode);
  }
  viaWith(via, extra) {
    return extra === void 0 ? via : [...via, extra];
  }
  guard(program, check, node) {
    if (!program || program.includes("\0")) return;
    const { row, column } = node.startPosition;
    this.guards.push({ program, check, row, col: column });
  }
  write(v) {
    if (v === null) return;
    const r = this.renderPath(v);
    if (!r || r.path.startsWith("/dev/") || r.path === "-" || /[$`]|\{\}/.test(r.path)) return;
    this.writes.add(r.path);
  }
  builtin(name2, job, jobs, cmdNode) {
    const w = job.words;
    const n = w.length;
    const lit = w.opt;
    const next = job.i + 1;
    switch (name2) {
      case "exec":
        jobs.push({ ...job, i: skipOptions(lit, n, next, EXEC), via: [...job.via, "exec"], external: true, value: void 0 });
        return;
      case "time":
      case "coproc":
        jobs.push({ ...job, i: skipOptions(lit, n, next, NONE), via: [...job.via, name2], value: void 0 });
        return;
      case "command": {
        let i2 = next;
        let lookup = false;
        for (; i2 < n; i2++) {
          const a = lit(i2);
          if (a === "--") {
            i2++;
            break;
          }
          if (a === null || !a.startsWith("-") || a.length < 2) break;
          if (a.includes("v") || a.includes("V")) lookup = true;
        }
        if (lookup) {
          for (; i2 < n; i2++) for (const v of w.all(i2)) this.guard(v, "command -v", w.node(i2));
        } else jobs.push({ ...job, i: i2, via: [...job.via, "command"], noFunc: true, value: void 0 });
        return;
      }
      case "type":
      case "hash": {
        const s = scanArgs(lit, n, next, name2 === "hash" ? HASH : NONE);
        if (name2 === "hash" && (s.flags.has("r") || s.flags.has("d") || s.flags.has("t") || s.flags.has("l"))) return;
        for (const i2 of s.operands) for (const v of w.all(i2)) this.guard(v, name2, w.node(i2));
        return;
      }
      case "test":
      case "[":
        for (let i2 = next; i2 + 1 < n; i2++) {
          const op = lit(i2);
          if (op && FILE_TESTS.has(op) && !(op === "-a" && i2 > next)) {
            for (const v of w.all(i2 + 1)) this.guard(v, op, w.node(i2 + 1));
            i2++;
          }
        }
        return;
      case "source":
      case ".":
        for (const v of w.all(next)) {
          const r = this.renderPath(v);
          if (!r) continue;
          const pos = w.node(next).startPosition;
          const src = { path: r.path, row: pos.row, col: pos.column };
          if (r.relativeTo) src.relativeTo = r.relativeTo;
          this.sources.push(src);
        }
        return;
      case "echo":
      case "printf":
        this.cronFromArgs(job, cmdNode);
        return;
      case "read":
      case "mapfile":
      case "readarray": {
        const s = scanArgs(lit, n, next, READ);
        for (const i2 of s.operands) {
          const v = lit(i2);
          if (v && NAME_RE.test(v)) this.state.set(v, []);
        }
        for (const arr of w.optValues(s.opts.get("a"))) if (NAME_RE.test(arr)) this.state.set(arr, []);
        return;
      }
      case "unset": {
        const s = scanArgs(lit, n, next, NONE);
        if (s.flags.has("f")) return;
        for (const i2 of s.operands) {
          const v = lit(i2);
          if (v && NAME_RE.test(v)) this.state.set(v, []);
        }
        return;
      }
      default:
        return;
    }
  }
  /** After reporting `base` as a command: follow wrappers, record guards, writes, cron lines. */
  external(base, job, jobs, cmdNode) {
    const w = job.words;
    const n = w.length;
    const lit = w.opt;
    const next = job.i + 1;
    const wrap = (i2, extra = {}) => {
      jobs.push({ ...job, i: i2, via: [...job.via, base], external: true, noFunc: false, value: void 0, ...extra });
    };
    switch (base) {
      case "sudo":
      case "doas": {
        const i2 = skipOptions(lit, n, next, base === "sudo" ? SUDO : DOAS);
        wrap(i2);
        return;
      }
      case "env": {
        let pathOverride = job.pathOverride;
        for (let i2 = next; i2 < n; i2++) {
          const a = lit(i2);
          if (a === null || !ASSIGNMENT_RE.test(a)) {
            if (a !== null && a.startsWith("-")) continue;
            break;
          }
          const e = w.entries[i2];
          if (a.startsWith("PATH=") && e.fixed === void 0) pathOverride = this.evalPath(e.node).slice(5);
        }
        wrap(skipOptions(lit, n, next, ENV), { pathOverride });
        return;
      }
      case "nohup":
      case "setsid":
        wrap(skipOptions(lit, n, next, NONE));
        return;
      case "timeout": {
        const i2 = skipOptions(lit, n, next, TIMEOUT);
        wrap(i2 + 1);
        return;
      }
      case "nice":
        wrap(skipOptions(lit, n, next, NICE));
        return;
      case "xargs": {
        const i2 = skipOptions(lit, n, next, XARGS);
        if (i2 < n) wrap(i2);
        return;
      }
      case "stdbuf":
        wrap(skipOptions(lit, n, next, STDBUF));
        return;
      case "ionice":
        wrap(skipOptions(lit, n, next, IONICE));
        return;
      case "which":
        for (const i2 of scanArgs(lit, n, next, NONE).operands) for (const v of w.all(i2)) this.guard(v, "which", w.node(i2));
        return;
      case "su":
      case "runuser": {
        const s = scanArgs(lit, n, next, SU);
        if (base === "runuser" && s.opts.has("u")) {
          wrap(skipOptions(lit, n, next, SU));
          return;
        }
        const cmdIdx = this.optionIndex(w, next, ["-c", "--command"]);
        if (cmdIdx >= 0) this.shellString(w, cmdIdx, [...job.via, `${base} -c`]);
        return;
      }
      case "flock": {
        const cIdx = this.optionIndex(w, next, ["-c", "--command"]);
        if (cIdx >= 0) {
          this.shellString(w, cIdx, [...job.via, "flock -c"]);
          return;
        }
        const lockIdx = skipOptions(lit, n, next, FLOCK);
        if (lockIdx + 1 < n) wrap(lockIdx + 1);
        return;
      }
      case "chroot":
      case "ssh":
        return;
      case "find": {
        for (let i2 = next; i2 < n - 1; i2++) {
          const a = lit(i2);
          if (a === "-exec" || a === "-execdir" || a === "-ok" || a === "-okdir") {
            let end = i2 + 1;
            while (end < n && w.lit(end) !== ";" && w.lit(end) !== "+") end++;
            wrap(i2 + 1, { words: new Words(this, w.entries.slice(0, end)) });
            break;
          }
        }
        return;
      }
      case "cp":
      case "mv":
      case "install":
      case "ln":
        this.copyWrites(base, w, next);
        return;
      case "mkdir":
        for (const i2 of scanArgs(lit, n, next, MKDIR).operands) for (const v of w.all(i2)) this.write(v);
        return;
      case "chmod": {
        const s = scanArgs(lit, n, next, CHMOD);
        const mode = s.operands.length > 0 ? lit(s.operands[0]) : null;
        if (mode && (/^[ugoa]*[+=][rwxXst]*x/.test(mode) || /[+=][rwXst]*x/.test(mode) || /^[0-7]{3,4}$/.test(mode) && /[1357]/.test(mode.slice(-3)))) {
          for (const i2 of s.operands.slice(1)) for (const v of w.all(i2)) this.write(v);
        }
        return;
      }
      case "tee":
        for (const i2 of scanArgs(lit, n, next, NONE).operands) for (const v of w.all(i2)) this.write(v);
        return;
      case "curl": {
        const s = scanArgs(lit, n, next, CURL);
        for (const key of ["o", "output", "output-dir"]) for (const v of w.optValues(s.opts.get(key))) this.write(v);
        return;
      }
      case "wget": {
        const s = scanArgs(lit, n, next, WGET);
        for (const key of ["O", "output-document", "P", "directory-prefix"]) for (const v of w.optValues(s.opts.get(key))) this.write(v);
        return;
      }
      case "tar": {
        const s = scanArgs(lit, n, next, TAR);
        for (const key of ["C", "directory"]) for (const v of w.optValues(s.opts.get(key))) this.write(v);
        return;
      }
      case "unzip": {
        const s = scanArgs(lit, n, next, UNZIP);
        for (const v of w.optValues(s.opts.get("d"))) this.write(v);
        return;
      }
      case "aws":
        this.awsWrites(w, next);
        return;
      case "echo":
      case "printf":
        this.cronFromArgs(job, cmdNode);
        return;
      default:
        if (SHELLS.has(base)) this.shellCommand(base, job, cmdNode);
        return;
    }
  }
  /** Index of the argument following one of `names` (also -xc style clusters for '-c'). */
  optionIndex(w, from, names) {
    for (let i2 = from; i2 < w.length - 1; i2++) {
      const a = w.opt(i2);
      if (a === null) continue;
      if (names.includes(a)) return i2 + 1;
      if (names.includes("-c") && /^-[a-zA-Z]*c$/.test(a) && !a.startsWith("--")) return i2 + 1;
    }
    return -1;
  }
  shellCommand(base, job, cmdNode) {
    const w = job.words;
    const n = w.length;
    let i2 = job.i + 1;
    let hasC = false;
    for (; i2 < n; i2++) {
      const a = w.opt(i2);
      if (a === null) break;
      if (a === "--" || a === "-") {
        i2++;
        break;
      }
      if (a.startsWith("--")) {
        if (SHELL_OPTS.long?.includes(a.slice(2))) i2++;
        continue;
      }
      if ((a[0] === "-" || a[0] === "+") && a.length > 1) {
        if (a.includes("c")) hasC = true;
        if (/[oO]$/.test(a)) i2++;
        continue;
      }
      break;
    }
    if (hasC) {
      if (i2 < n) this.shellString(w, i2, [...job.via, `${base} -c`]);
      return;
    }
    if (i2 >= n) this.stdinShell = { start: cmdNode.startIndex, via: [...job.via, `${base} <<EOF`] };
  }
  /** Analyses word `i` (a literal script string) as a nested script. */
  shellString(w, i2, via) {
    const e = w.entries[i2];
    if (!e || e.fixed !== void 0) return;
    const val = this.evalNode(e.node, 0, true)?.[0];
    if (val) this.embedded(val, 0, val.text.length, via, this.currentPathString(), false);
  }
  copyWrites(base, w, from) {
    const s = scanArgs(w.opt, w.length, from, base === "install" ? INSTALL : CP);
    const target = [...w.optValues(s.opts.get("t")), ...w.optValues(s.opts.get("target-directory"))];
    const ops = s.operands;
    if (base === "install" && (s.flags.has("d") || s.flags.has("directory"))) {
      for (const i2 of ops) for (const v of w.all(i2)) this.write(v);
      return;
    }
    const srcBase = (i2) => {
      const v = w.lit(i2);
      return v === null || v.includes("\0") ? null : baseName(v.replace(/\/+$/, ""));
    };
    if (target.length > 0) {
      for (const dir of target) {
        this.write(dir);
        for (const i2 of ops) {
          const b = srcBase(i2);
          if (b) this.write(`${dir.replace(/\/+$/, "")}/${b}`);
        }
      }
      return;
    }
    if (ops.length < 2) return;
    const destIdx = ops[ops.length - 1];
    const srcs = ops.slice(0, -1);
    for (const dest of w.all(destIdx)) {
      this.write(dest);
      if (dest.endsWith("/") || srcs.length > 1) {
        for (const i2 of srcs) {
          const b = srcBase(i2);
          if (b) this.write(`${dest.replace(/\/+$/, "")}/${b}`);
        }
      }
    }
  }
  awsWrites(w, from) {
    if (w.opt(from) !== "s3" || !["cp", "mv", "sync"].includes(w.opt(from + 1) ?? "")) return;
    const FLAGS = /* @__PURE__ */ new Set(["recursive", "quiet", "dryrun", "no-progress", "delete", "exact-timestamps", "only-show-errors", "follow-symlinks", "no-follow-symlinks", "no-guess-mime-type", "force-glacier-transfer", "ignore-glacier-warnings", "no-sign-request", "debug", "no-verify-ssl", "no-paginate", "size-only"]);
    const positional = [];
    for (let i2 = from + 2; i2 < w.length; i2++) {
      const a = w.opt(i2);
      if (a !== null && a.startsWith("--")) {
        if (!a.includes("=") && !FLAGS.has(a.slice(2))) i2++;
        continue;
      }
      positional.push(i2);
    }
    const destIdx = positional[1];
    if (destIdx === void 0) return;
    for (const v of w.all(destIdx)) if (!v.startsWith("s3://") && v !== "-") this.write(v);
  }
  // -- guards, redirects -----------------------------------------------------------------------------
  testGuard(node) {
    const op = node.childForFieldName("operator");
    if (!op || op.type !== "test_operator" || !FILE_TESTS.has(op.text)) return;
    let operand = null;
    for (const k of node.namedChildren) {
      if (k.startIndex > op.startIndex) {
        operand = k;
        break;
      }
    }
    if (operand?.type === "binary_expression") operand = operand.childForFieldName("left");
    if (!operand) return;
    for (const v of this.evalNode(operand, 0, false) ?? []) this.guard(v.text, op.text, operand);
  }
  redirectWrite(node) {
    const dest = node.childForFieldName("destination");
    if (!dest || dest.type === "number") return;
    const op = node.children.find((k) => !k.isNamed);
    if (!op || !WRITE_REDIRECTS.has(op.type)) return;
    for (const v of this.evalNode(dest, 0, false) ?? []) this.write(v.text);
  }
  // -- heredocs and cron -----------------------------------------------------------------------------
  heredoc(body2) {
    const hr = body2.parent;
    const owner = hr?.parent;
    if (!hr || !owner) return;
    const cmd = owner.type === "redirected_statement" ? owner.childForFieldName("body") : owner;
    if (this.stdinShell && cmd && cmd.startIndex === this.stdinShell.start) {
      const via = this.stdinShell.via;
      this.stdinShell = void 0;
      const val = this.evalNode(body2, 0, true)?.[0];
      if (val) this.embedded(val, 0, val.text.length, via, this.currentPathString(), false);
      return;
    }
    if (!CRON_HINT.test(body2.text)) return;
    let format = null;
    const getFormat = () => {
      if (format === null) format = this.heredocSink(hr, owner, cmd);
      return format;
    };
    for (const val of this.evalNode(body2, 0, true) ?? []) this.cronFromVal(val, [], getFormat);
  }
  heredocSink(hr, owner, cmd) {
    for (const k of hr.namedChildren) {
      if (k.type === "file_redirect") {
        const f = this.redirectSink(k);
        if (f) return f;
      } else if (k.type === "pipeline") {
        for (const p of k.namedChildren) {
          const f = this.sinkOfCommand(p);
          if (f) return f;
        }
      }
    }
    if (cmd) {
      const f = this.sinkOfCommand(cmd);
      if (f) return f;
    }
    return this.sinkAbove(cmd ?? owner);
  }
  redirectSink(r) {
    const dest = r.childForFieldName("destination");
    if (!dest) return void 0;
    const v = this.evalNode(dest, 0, false)?.[0]?.text ?? null;
    return classifyCronPath(v);
  }
  /** `crontab -`, `crontab` (stdin), `tee /etc/cron.d/x`, optionally behind sudo. */
  sinkOfCommand(node) {
    if (node.type === "redirected_statement") {
      for (const k of node.namedChildren) {
        if (k.type === "file_redirect") {
          const f = this.redirectSink(k);
          if (f) return f;
        }
      }
      const body2 = node.childForFieldName("body");
      return body2 ? this.sinkOfCommand(body2) : void 0;
    }
    if (node.type !== "command") return void 0;
    const entries = [];
    for (const k of node.namedChildren) {
      if (k.type === "variable_assignment" || REDIRECT_TYPES.has(k.type)) continue;
      entries.push({ node: k });
    }
    const w = new Words(this, entries);
    let i2 = 0;
    while (i2 < w.length && baseName(w.lit(i2) ?? "") === "sudo") i2 = skipOptions(w.opt, w.length, i2 + 1, SUDO);
    const prog = baseName(w.lit(i2) ?? "");
    if (prog === "crontab") {
      const s = scanArgs(w.opt, w.length, i2 + 1, CRONTAB);
      if (s.flags.has("l") || s.flags.has("r") || s.flags.has("e")) return void 0;
      return s.operands.every((j) => w.lit(j) === "-") ? "user" : void 0;
    }
    if (prog === "tee") {
      for (const j of scanArgs(w.opt, w.length, i2 + 1, NONE).operands) {
        const f = classifyCronPath(w.lit(j));
        if (f) return f;
      }
    }
    return void 0;
  }
  /** Where the output of `node` goes: its redirects, enclosing redirects and later pipeline stages. */
  sinkAbove(node, skipOwn = false) {
    if (!skipOwn) {
      for (const k of node.namedChildren) {
        if (k.type === "file_redirect") {
          const f = this.redirectSink(k);
          if (f) return f;
        }
      }
    }
    let cur = node;
    for (let steps = 0; steps < 16; steps++) {
      const p = cur.parent;
      if (!p) return void 0;
      if (p.type === "redirected_statement") {
        for (const k of p.namedChildren) {
          if (k.type === "file_redirect") {
            const f = this.redirectSink(k);
            if (f) return f;
          }
        }
      } else if (p.type === "pipeline") {
        for (const k of p.namedChildren) {
          if (k.startIndex <= cur.startIndex) continue;
          const f = this.sinkOfCommand(k);
          if (f) return f;
        }
      } else if (!["subshell", "compound_statement", "list", "do_group", "if_statement", "else_clause", "elif_clause", "case_item", "case_statement", "while_statement", "for_statement"].includes(p.type)) {
        return void 0;
      }
      cur = p;
    }
    return void 0;
  }
  cronFromArgs(job, cmdNode) {
    const w = job.words;
    let format = null;
    const getFormat = () => {
      if (format === null) format = this.sinkAbove(cmdNode);
      return format;
    };
    for (let i2 = job.i + 1; i2 < w.length; i2++) {
      const e = w.entries[i2];
      if (e.fixed !== void 0) continue;
      if (!CRON_HINT.test(e.node.text)) continue;
      for (const val of this.evalNode(e.node, 0, true) ?? []) this.cronFromVal(val, job.via, getFormat);
    }
  }
  cronFromVal(val, via, getFormat) {
    const text = val.text;
    let cronPath = CRON_DEFAULT_PATH;
    let start2 = 0;
    while (start2 <= text.length) {
      let end = text.length;
      let nextStart = text.length + 1;
      for (let k2 = start2; k2 < text.length; k2++) {
        if (text[k2] === "\n") {
          end = k2;
          nextStart = k2 + 1;
          break;
        }
        if (text[k2] === "\\" && text[k2 + 1] === "n") {
          end = k2;
          nextStart = k2 + 2;
          break;
        }
      }
      const lineStart = start2;
      start2 = nextStart;
      const line = text.slice(lineStart, end);
      const tokens = [];
      const re = /\S+/g;
      for (let m = re.exec(line); m && tokens.length < 8; m = re.exec(line)) tokens.push({ t: m[0], s: m.index });
      const first = tokens[0];
      if (!first || first.t.startsWith("#")) continue;
      const env = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
      if (env) {
        if (env[1] === "PATH") cronPath = env[2].trim().replace(/^["']|["']$/g, "");
        continue;
      }
      let k;
      if (CRON_MACRO.test(first.t)) k = 1;
      else {
        if (tokens.length < 6) continue;
        const fields = tokens.slice(0, 5).map((x) => x.t);
        const valid = CRON_TIME_FIELD.test(fields[0]) && CRON_TIME_FIELD.test(fields[1]) && fields.slice(2).every((f) => CRON_DATE_FIELD.test(f));
        if (!valid) continue;
        if (!fields.some((f) => f.includes("*")) && getFormat() === void 0) continue;
        k = 5;
      }
      const format = getFormat();
      const user = tokens[k];
      if (user && tokens.length > k + 1 && (format === "system" ? USER_RE.test(user.t) : COMMON_USERS.has(user.t))) k++;
      const cmd = tokens[k];
      if (!cmd) continue;
      let cmdEnd = end;
      for (let p = lineStart + cmd.s; p < end; p++) {
        if (text[p] === "%" && text[p - 1] !== "\\") {
          cmdEnd = p;
          break;
        }
      }
      this.embedded(val, lineStart + cmd.s, cmdEnd, [...via, "cron"], cronPath, true);
    }
  }
  /** Analyses text[start, end) of a value as a script and merges the results with mapped positions. */
  embedded(val, start2, end, via, initialPath, cron) {
    if (this.depth >= MAX_NESTING) return;
    const text = val.text.slice(start2, end).replaceAll("\0", "$");
    if (!text.trim()) return;
    const inner = new _Analyzer(this.parser, text, this.depth + 1, initialPath, this.runPath);
    const r = inner.run();
    const starts = lineStarts(text);
    const map = (row, col) => posAt(val, start2 + (starts[row] ?? 0) + col);
    for (const c of r.commands) {
      if (c.shellLookup && c.kind === "bare" && inner.functions.has(c.program)) continue;
      const p = map(c.row, c.col);
      const out2 = { ...c, row: p.row, col: p.col, via: [...via, ...c.via], shellLookup: false };
      if (!out2.path) {
        const path = cron ? this.splitPath(initialPath ?? CRON_DEFAULT_PATH).slice() : this.pathArray();
        if (path) out2.path = path;
      }
      this.commands.push(out2);
    }
    for (const g of r.guards) this.guards.push({ ...g, ...map(g.row, g.col) });
    for (const s of r.sources) this.sources.push({ ...s, ...map(s.row, s.col) });
    for (const wr of r.writes) this.writes.add(wr);
  }
};

// src/parse/terraform.ts
var TF_INTERP_PLACEHOLDER = "__TF_INTERP__";
var AMI_ID_PATTERN = /^ami-[0-9a-f]{8,17}$/;
var MAX_PARSE_ERRORS = 10;
var KIND_WORDS = {
  amis: /ami-/,
  modules: /(?<![\w-])source(?![\w-])/,
  ssmParameters: /resolve:ssm:|aws_ssm_parameter/,
  amiLookups: /aws_ami/,
  embeddedScripts: /user_data|provisioner|cloudinit_config|template_file/,
  scriptFiles: /file(?:base64)?\s*\(|provisioner/
};
var UNICODE_ESCAPE = /\\[uU]/;
function terraformFactKinds(text) {
  const escapes = UNICODE_ESCAPE.test(text);
  const kinds = {};
  for (const kind of Object.keys(KIND_WORDS)) kinds[kind] = escapes || KIND_WORDS[kind].test(text);
  return kinds;
}
function mayHoldTerraformFacts(text) {
  return Object.values(terraformFactKinds(text)).some(Boolean);
}
async function analyseTerraform(text, options) {
  let parser;
  try {
    parser = await getParser();
  } catch (error) {
    const result = emptyAnalysis();
    result.parseErrors.push({ line: 1, column: 1, message: `HCL grammar unavailable: ${errorMessage(error)}` });
    return result;
  }
  return analyseTerraformWith(parser, text, options);
}
function loadTerraformParser() {
  return getParser();
}
function emptyAnalysis() {
  return { amis: [], modules: [], ssmParameters: [], amiLookups: [], embeddedScripts: [], scriptFiles: [], parseErrors: [] };
}
function analyseTerraformWith(parser, text, options) {
  const result = emptyAnalysis();
  if (typeof text !== "string") {
    result.parseErrors.push({ line: 1, column: 1, message: "input is not text" });
    return result;
  }
  let tree = null;
  try {
    tree = parser.parse(text);
    if (!tree) {
      result.parseErrors.push({ line: 1, column: 1, message: "the HCL parser returned no tree" });
      return result;
    }
    if (tree.rootNode.hasError || mayHoldTerraformFacts(text)) new Extractor(text, fileContext(options?.fileName), result).run(tree);
  } catch (error) {
    parserPromise2 = void 0;
    result.parseErrors.push({ line: 1, column: 1, message: `internal error while analysing: ${errorMessage(error)}` });
  } finally {
    try {
      tree?.delete();
    } catch {
    }
  }
  sortByPosition(result.amis);
  sortByPosition(result.modules);
  sortByPosition(result.ssmParameters);
  sortByPosition(result.amiLookups);
  sortByPosition(result.embeddedScripts);
  sortByPosition(result.scriptFiles);
  return result;
}
function mapScriptPosition(script, line, column) {
  const segments = script.segments;
  if (segments.length === 0) return { line: script.line, column: script.column };
  const starts = scriptLineStarts(script.text, segments);
  const lineIndex = Math.min(Math.max(Math.trunc(line) - 1, 0), starts.length - 1);
  const lineStart = starts[lineIndex] ?? 0;
  const lineEnd = lineIndex + 1 < starts.length ? (starts[lineIndex + 1] ?? script.text.length) - 1 : script.text.length;
  const offset = Math.min(Math.max(lineStart + Math.trunc(column) - 1, lineStart), Math.max(lineEnd, lineStart));
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if ((segments[mid]?.offset ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  const seg = segments[lo];
  if (!seg) return { line: script.line, column: script.column };
  if (seg.synthetic) return { line: seg.line, column: seg.column };
  return { line: seg.line, column: seg.column + Math.max(0, offset - seg.offset) };
}
async function renderTemplateFile(text) {
  const out2 = { text: "", segments: [], parseErrors: [] };
  if (typeof text !== "string") return out2;
  let marker = "DG_TEMPLATE_END";
  for (let i2 = 0; text.includes(marker); i2++) marker = `DG_TEMPLATE_END_${i2}`;
  const body2 = text.endsWith("\n") || text.length === 0 ? text : `${text}
`;
  const wrapped = `x = <<${marker}
${body2}${marker}
`;
  let parser;
  try {
    parser = await getParser();
  } catch (error) {
    out2.parseErrors.push({ line: 1, column: 1, message: `HCL grammar unavailable: ${errorMessage(error)}` });
    return out2;
  }
  let tree = null;
  try {
    tree = parser.parse(wrapped);
    if (!tree) return out2;
    const heredoc = findFirst(tree.rootNode, "heredoc_template");
    const lines = new LineIndex(wrapped);
    collectErrors(tree.rootNode, wrapped, lines, out2.parseErrors, -1);
    for (const e of out2.parseErrors) if (e.line < 1) e.line = 1;
    if (!heredoc) return out2;
    const rendered = renderTemplate(wrapped, heredoc, () => TF_INTERP_PLACEHOLDER);
    let len = rendered.text.length;
    if (!text.endsWith("\n") && text.length > 0 && rendered.text.endsWith("\n")) len -= 1;
    out2.text = rendered.text.slice(0, len);
    out2.segments = buildSegments(out2.text, rendered.src, lines).map((s) => ({ ...s, line: s.line - 1 }));
  } catch (error) {
    parserPromise2 = void 0;
    out2.parseErrors.push({ line: 1, column: 1, message: `internal error while rendering: ${errorMessage(error)}` });
  } finally {
    try {
      tree?.delete();
    } catch {
    }
  }
  return out2;
}
var parserPromise2;
function getParser() {
  if (!parserPromise2) {
    const p = createParser("terraform");
    parserPromise2 = p;
    p.catch(() => {
      if (parserPromise2 === p) parserPromise2 = void 0;
    });
  }
  return parserPromise2;
}
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}
function sortByPosition(items) {
  items.sort((a, b) => a.line - b.line || a.column - b.column);
}
function fileContext(fileName) {
  if (!fileName) return "tfvars";
  const base = fileName.replace(/\\/g, "/").split("/").pop()?.toLowerCase() ?? "";
  if (base.endsWith(".tfvars") || base.endsWith(".tfvars.json") || base.endsWith(".pkrvars.hcl")) return "tfvars";
  if (base.endsWith(".pkr.hcl") || base.endsWith(".pkr.json")) return "packer";
  if (base.endsWith(".hcl")) return "terragrunt";
  if (base.endsWith(".tf") || base.endsWith(".tf.json")) return "terraform";
  return "tfvars";
}
var LineIndex = class {
  starts = [0];
  constructor(text) {
    for (let i2 = text.indexOf("\n"); i2 >= 0; i2 = text.indexOf("\n", i2 + 1)) this.starts.push(i2 + 1);
  }
  /** 1-based line/column of a UTF-16 offset (tree-sitter's columns are UTF-16 units too). */
  pos(index) {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if ((starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - (starts[lo] ?? 0) + 1 };
  }
};
var scriptLines = /* @__PURE__ */ new WeakMap();
function scriptLineStarts(text, key) {
  const cached = scriptLines.get(key);
  if (cached && cached.text === text) return cached.starts;
  const starts = [0];
  for (let i2 = text.indexOf("\n"); i2 >= 0; i2 = text.indexOf("\n", i2 + 1)) starts.push(i2 + 1);
  scriptLines.set(key, { text, starts });
  return starts;
}
var CTRL_TYPES = /* @__PURE__ */ new Set([
  "template_if_intro",
  "template_else_intro",
  "template_if_end",
  "template_for_start",
  "template_for_end"
]);
function holeFromCursor(c, interp) {
  const hole = {
    start: c.startIndex,
    end: c.endIndex,
    interp,
    stripBefore: false,
    stripAfter: false,
    exprStart: -1,
    exprEnd: -1
  };
  if (c.gotoFirstChild()) {
    let i2 = 0;
    let prev = "";
    do {
      const t = c.nodeType;
      if (t === "strip_marker" && i2 === 1) hole.stripBefore = true;
      if ((t === "template_interpolation_end" || t === "template_directive_end") && prev === "strip_marker" && i2 > 2) {
        hole.stripAfter = true;
      }
      if (t === "expression" && hole.exprStart < 0) {
        hole.exprStart = c.startIndex;
        hole.exprEnd = c.endIndex;
      }
      prev = t;
      i2++;
    } while (c.gotoNextSibling());
    c.gotoParent();
  }
  return hole;
}
function templateParts(text, node) {
  const parts2 = { cs: -1, ce: -1, heredoc: false, flush: false, quoted: true, holes: [] };
  let openIdEnd = -1;
  let closeIdStart = -1;
  const c = node.walk();
  try {
    let depth = 0;
    if (!c.gotoFirstChild()) {
      parts2.cs = node.startIndex;
      parts2.ce = node.endIndex;
      return parts2;
    }
    depth = 1;
    outer: for (; ; ) {
      const t = c.nodeType;
      let descend = false;
      if (depth === 1) {
        switch (t) {
          case "quoted_template_start":
            parts2.cs = c.endIndex;
            break;
          case "quoted_template_end":
            if (parts2.ce < 0) parts2.ce = c.startIndex;
            break;
          case "heredoc_start":
            parts2.heredoc = true;
            parts2.quoted = false;
            parts2.flush = c.endIndex - c.startIndex === 3;
            break;
          case "heredoc_identifier":
            if (openIdEnd < 0) openIdEnd = c.endIndex;
            else closeIdStart = c.startIndex;
            break;
        }
      }
      if (t === "template_interpolation") parts2.holes.push(holeFromCursor(c, true));
      else if (CTRL_TYPES.has(t)) parts2.holes.push(holeFromCursor(c, false));
      else if (t === "template_directive" || t === "template_if" || t === "template_for") descend = true;
      if (descend && c.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (; ; ) {
        if (c.gotoNextSibling()) continue outer;
        if (depth <= 1 || !c.gotoParent()) break outer;
        depth--;
      }
    }
  } finally {
    c.delete();
  }
  if (parts2.heredoc) {
    const nl = openIdEnd >= 0 ? text.indexOf("\n", openIdEnd) : -1;
    parts2.cs = nl < 0 || nl >= node.endIndex ? node.endIndex : nl + 1;
    parts2.ce = closeIdStart >= 0 ? text.lastIndexOf("\n", closeIdStart - 1) + 1 : node.endIndex;
  } else {
    if (parts2.cs < 0) parts2.cs = Math.min(node.startIndex + 1, node.endIndex);
    if (parts2.ce < 0) parts2.ce = node.endIndex;
  }
  if (parts2.ce < parts2.cs) parts2.ce = parts2.cs;
  return parts2;
}
function isHclSpace(code) {
  return code === 32 || code >= 9 && code <= 13 || code === 133 || code === 160 || code === 5760 || code >= 8192 && code <= 8202 || code === 8232 || code === 8233 || code === 8239 || code === 8287 || code === 12288;
}
function leadingSpaces(val) {
  let i2 = 0;
  while (i2 < val.length && isHclSpace(val.charCodeAt(i2))) i2++;
  return i2;
}
function trailingSpacesStart(val) {
  let i2 = val.length;
  while (i2 > 0 && isHclSpace(val.charCodeAt(i2 - 1))) i2--;
  return i2;
}
function hexValue(text, from, count, end) {
  if (from + count > end) return -1;
  let v = 0;
  for (let k = 0; k < count; k++) {
    const d = parseInt(text.charAt(from + k), 16);
    if (Number.isNaN(d)) return -1;
    v = v * 16 + d;
  }
  return v;
}
function unescapeRange(text, a, b, quoted) {
  let val = "";
  const src = [];
  let i2 = a;
  while (i2 < b) {
    const ch = text.charCodeAt(i2);
    if ((ch === 36 || ch === 37) && i2 + 2 < b && text.charCodeAt(i2 + 1) === ch && text.charCodeAt(i2 + 2) === 123) {
      val += text[i2 + 1] + "{";
      src.push(i2 + 1, i2 + 2);
      i2 += 3;
      continue;
    }
    if (quoted && ch === 92 && i2 + 1 < b) {
      const n = text[i2 + 1];
      let out2;
      let len = 2;
      switch (n) {
        case "n":
          out2 = "\n";
          break;
        case "r":
          out2 = "\r";
          break;
        case "t":
          out2 = "	";
          break;
        case '"':
          out2 = '"';
          break;
        case "\\":
          out2 = "\\";
          break;
        case "u": {
          const v = hexValue(text, i2 + 2, 4, b);
          if (v >= 0) {
            out2 = String.fromCharCode(v);
            len = 6;
          }
          break;
        }
        case "U": {
          const v = hexValue(text, i2 + 2, 8, b);
          if (v >= 0 && v <= 1114111) {
            out2 = String.fromCodePoint(v);
            len = 10;
          }
          break;
        }
      }
      if (out2 !== void 0) {
        val += out2;
        for (let k = 0; k < out2.length; k++) src.push(i2);
        i2 += len;
        continue;
      }
    }
    val += text[i2];
    src.push(i2);
    i2++;
  }
  return { lit: true, val, src };
}
function literalValue(text, a, b) {
  const raw = text.slice(a, b);
  if (raw.indexOf("\\") < 0 && raw.indexOf("{") < 0) return raw;
  return unescapeRange(text, a, b, true).val;
}
function trimTok(tok, from, to) {
  if (from === 0 && to === tok.val.length) return;
  tok.val = tok.val.slice(from, to);
  tok.src = tok.src.slice(from, to);
}
function renderTemplate(text, node, holeText) {
  const parts2 = templateParts(text, node);
  const toks = [];
  const addLiteral = (a, b) => {
    if (b <= a) return;
    if (!parts2.heredoc) {
      toks.push(unescapeRange(text, a, b, parts2.quoted));
      return;
    }
    let s = a;
    while (s < b) {
      const nl = text.indexOf("\n", s);
      const e = nl < 0 || nl >= b ? b : nl + 1;
      toks.push(unescapeRange(text, s, e, false));
      s = e;
    }
  };
  let pos = parts2.cs;
  for (const hole of parts2.holes) {
    if (hole.start < pos || hole.end > parts2.ce) continue;
    addLiteral(pos, hole.start);
    toks.push({ lit: false, hole });
    pos = hole.end;
  }
  addLiteral(pos, parts2.ce);
  for (let i2 = 0; i2 < toks.length; i2++) {
    const t = toks[i2];
    if (t.lit) continue;
    const prev = toks[i2 - 1];
    if (t.hole.stripBefore && prev?.lit) trimTok(prev, 0, trailingSpacesStart(prev.val));
    const next = toks[i2 + 1];
    if (t.hole.stripAfter && next?.lit) trimTok(next, leadingSpaces(next.val), next.val.length);
  }
  if (parts2.flush) {
    let min = Number.POSITIVE_INFINITY;
    let newline = true;
    const adjust = [];
    for (const t of toks) {
      if (newline) {
        newline = false;
        let spaces = 0;
        if (t.lit) {
          const lead = leadingSpaces(t.val);
          if (lead === t.val.length && t.val.endsWith("\n")) spaces = Number.POSITIVE_INFINITY;
          else {
            spaces = [...t.val.slice(0, lead)].length;
            adjust.push(t);
          }
        }
        if (spaces < min) min = spaces;
      }
      if (t.lit && t.val.endsWith("\n")) newline = true;
    }
    if (Number.isFinite(min) && min > 0) {
      for (const t of adjust) {
        let cut = 0;
        for (let k = 0; k < min && cut < t.val.length; k++) cut += (t.val.codePointAt(cut) ?? 0) > 65535 ? 2 : 1;
        trimTok(t, cut, t.val.length);
      }
    }
  }
  let out2 = "";
  const src = [];
  let dynamic = false;
  for (const t of toks) {
    if (t.lit) {
      out2 += t.val;
      for (const s2 of t.src) src.push(s2);
      continue;
    }
    if (!t.hole.interp) continue;
    let s = holeText(t.hole);
    if (s === void 0) {
      dynamic = true;
      s = text.slice(t.hole.start, t.hole.end);
    }
    out2 += s;
    for (let k = 0; k < s.length; k++) src.push(-1 - t.hole.start);
  }
  return { text: out2, src, dynamic, contentStart: parts2.cs, heredoc: parts2.heredoc };
}
function buildSegments(out2, src, lines) {
  const segments = [];
  for (let i2 = 0; i2 < out2.length; i2++) {
    const s = src[i2] ?? 0;
    const prev = i2 > 0 ? src[i2 - 1] ?? 0 : 0;
    let fresh = i2 === 0 || out2.charCodeAt(i2 - 1) === 10;
    if (!fresh) fresh = s < 0 ? s !== prev : s !== prev + 1 || prev < 0;
    if (!fresh) continue;
    const p = lines.pos(s < 0 ? -1 - s : s);
    segments.push(s < 0 ? { offset: i2, line: p.line, column: p.column, synthetic: true } : { offset: i2, ...p });
  }
  return segments;
}
function scriptFormat(textValue) {
  const head = textValue.slice(leadingSpaces(textValue), leadingSpaces(textValue) + 200).toLowerCase();
  if (head.startsWith("#cloud-config")) return "cloud-config";
  if (head.startsWith("content-type: multipart") || head.startsWith("mime-version:")) return "mime";
  if (head.startsWith("<powershell>") || head.startsWith("<script>") || head.startsWith("<persist>")) return "windows";
  return "shell";
}
function pathHole(text, hole) {
  if (hole.exprStart < 0) return void 0;
  const expr = text.slice(hole.exprStart, hole.exprEnd);
  if (expr === "path.module" || expr === "path.root" || expr === "get_terragrunt_dir()") return ".";
  return void 0;
}
function findFirst(root, type) {
  const c = root.walk();
  try {
    for (; ; ) {
      if (c.nodeType === type) return c.currentNode;
      if (c.gotoFirstChild()) continue;
      while (!c.gotoNextSibling()) if (!c.gotoParent()) return null;
    }
  } finally {
    c.delete();
  }
}
function missingName(type) {
  switch (type) {
    case "quoted_template_end":
    case "quoted_template_start":
      return '"';
    case "block_end":
    case "object_end":
    case "template_interpolation_end":
    case "template_directive_end":
      return "}";
    case "tuple_end":
      return "]";
    case "heredoc_identifier":
      return "heredoc terminator";
    default:
      return type;
  }
}
function errorEntry(c, text, lines, lineShift) {
  const p = lines.pos(c.startIndex);
  let message;
  if (c.nodeIsMissing) message = `syntax error: missing ${JSON.stringify(missingName(c.nodeType))}`;
  else {
    let snippet = text.slice(c.startIndex, Math.min(c.endIndex, c.startIndex + 40));
    const nl = snippet.indexOf("\n");
    if (nl >= 0) snippet = snippet.slice(0, nl);
    message = snippet ? `syntax error: unexpected ${JSON.stringify(snippet)}` : "syntax error";
  }
  return { line: p.line + lineShift, column: p.column, message };
}
function collectErrors(root, text, lines, out2, lineShift) {
  if (!root.hasError) return;
  const c = root.walk();
  try {
    for (; ; ) {
      if ((c.nodeType === "ERROR" || c.nodeIsMissing) && out2.length < MAX_PARSE_ERRORS) {
        out2.push(errorEntry(c, text, lines, lineShift));
      }
      if (c.gotoFirstChild()) continue;
      while (!c.gotoNextSibling()) if (!c.gotoParent()) return;
    }
  } finally {
    c.delete();
  }
}
var FILE_FUNCTIONS = /* @__PURE__ */ new Set(["file", "filebase64", "templatefile"]);
var SCRIPT_WRAPPERS = /* @__PURE__ */ new Set(["base64encode", "base64gzip", "textencodebase64", "trimspace", "chomp"]);
var SCRIPT_PATH2 = /\.(sh|bash|ksh|zsh|ps1)(\.(tpl|tftpl|tmpl|j2))?$/i;
function isUserDataName(name2) {
  return name2 === "user_data" || name2 === "user_data_base64" || name2.endsWith("_user_data");
}
function unwrap(node) {
  let n = node;
  for (let guard = 0; n && guard < 64; guard++) {
    if ((n.type === "expression" || n.type === "literal_value" || n.type === "template_expr") && n.namedChildCount === 1) {
      n = n.namedChild(0);
    } else break;
  }
  return n;
}
function tupleElements(node) {
  const n = unwrap(node);
  if (!n || n.type !== "collection_value") return [];
  const tuple = n.namedChild(0);
  if (!tuple || tuple.type !== "tuple") return [];
  return tuple.namedChildren.filter((c) => c.type === "expression");
}
var Extractor = class {
  constructor(text, fileCtx, out2) {
    this.text = text;
    this.fileCtx = fileCtx;
    this.out = out2;
    this.lines = new LineIndex(text);
  }
  text;
  fileCtx;
  out;
  lines;
  frames = [];
  types = [];
  fnNames = [];
  /** block frames currently on the stack */
  blockCount = 0;
  run(tree) {
    const c = tree.walk();
    const checkErrors = tree.rootNode.hasError;
    try {
      let depth = 0;
      let descend = this.enter(c, 0, checkErrors);
      outer: for (; ; ) {
        if (descend && c.gotoFirstChild()) {
          depth++;
          descend = this.enter(c, depth, checkErrors);
          continue;
        }
        for (; ; ) {
          if (c.gotoNextSibling()) {
            descend = this.enter(c, depth, checkErrors);
            continue outer;
          }
          if (!c.gotoParent()) break outer;
          depth--;
        }
      }
    } finally {
      c.delete();
    }
    this.popTo(0);
  }
  // -- frames -----------------------------------------------------------------------------------
  popTo(depth) {
    const frames = this.frames;
    while (frames.length > 0 && frames[frames.length - 1].depth >= depth) {
      const f = frames.pop();
      if (f.k === "str") this.finishString(f);
      else if (f.k === "block") {
        this.blockCount--;
        this.finishBlock(f);
      }
    }
  }
  parentFrame(depth) {
    const top = this.frames[this.frames.length - 1];
    return top && top.depth === depth - 1 ? top : void 0;
  }
  error(c) {
    if (this.out.parseErrors.length < MAX_PARSE_ERRORS) this.out.parseErrors.push(errorEntry(c, this.text, this.lines, 0));
  }
  /** Handles the cursor's node on the way down; returns whether its children matter. */
  enter(c, depth, checkErrors) {
    this.popTo(depth);
    const type = c.nodeType;
    this.types[depth] = type;
    if (checkErrors && (type === "ERROR" || c.nodeIsMissing)) this.error(c);
    switch (type) {
      case "block": {
        const nesting = this.blockCount++;
        this.frames.push({ k: "block", depth, start: c.startIndex, type: "", labels: [], header: true, nesting, special: "none" });
        return true;
      }
      case "attribute":
        this.frames.push({ k: "attr", depth, name: "", handled: false, userData: false });
        return true;
      case "object_elem":
        this.frames.push({ k: "elem", depth, key: null, inVal: false });
        return true;
      case "string_lit": {
        const frame = { k: "str", depth, start: c.startIndex, cs: c.startIndex + 1, ce: c.endIndex, template: false };
        if (c.gotoLastChild()) {
          if (c.nodeType === "quoted_template_end") {
            frame.ce = c.startIndex;
            if (checkErrors && c.nodeIsMissing) this.error(c);
          }
          c.gotoParent();
        }
        this.frames.push(frame);
        return checkErrors;
      }
      case "quoted_template":
        this.frames.push({ k: "str", depth, start: c.startIndex, cs: -1, ce: -1, template: true });
        return true;
      case "identifier": {
        const parentType = this.types[depth - 1];
        if (parentType === "function_call") {
          this.fnNames[depth - 1] = this.text.slice(c.startIndex, c.endIndex);
          return false;
        }
        const parent = this.parentFrame(depth);
        if (!parent) return false;
        const name2 = this.text.slice(c.startIndex, c.endIndex);
        if (parent.k === "block" && parent.header) {
          if (parent.type === "") parent.type = name2;
          else parent.labels.push(name2);
        } else if (parent.k === "attr" && parent.name === "") parent.name = name2;
        return false;
      }
      case "quoted_template_start": {
        const parent = this.parentFrame(depth);
        if (parent?.k === "str") parent.cs = c.endIndex;
        return checkErrors;
      }
      case "quoted_template_end": {
        const parent = this.parentFrame(depth);
        if (parent?.k === "str" && parent.ce < 0) parent.ce = c.startIndex;
        return checkErrors;
      }
      case "block_start": {
        const parent = this.parentFrame(depth);
        if (parent?.k === "block" && parent.header) {
          parent.header = false;
          this.classify(parent);
        }
        return checkErrors;
      }
      case "function_arguments": {
        if (this.types[depth - 1] !== "function_call") return true;
        const fn = this.fnNames[depth - 1] ?? "";
        if (FILE_FUNCTIONS.has(fn)) this.fileFunction(fn, c.currentNode);
        return true;
      }
      case "expression": {
        const parent = this.parentFrame(depth);
        if (!parent) return true;
        if (parent.k === "attr" && !parent.handled) {
          parent.handled = true;
          this.attributeValue(parent, c);
        } else if (parent.k === "elem") {
          if (parent.key === null) {
            let key = this.text.slice(c.startIndex, c.endIndex);
            if (key.length >= 2 && key.startsWith('"') && key.endsWith('"') && !key.includes("${")) {
              key = literalValue(this.text, c.startIndex + 1, c.endIndex - 1);
            }
            parent.key = key;
          } else parent.inVal = true;
        }
        return true;
      }
      case "variable_expr":
      case "get_attr":
      case "numeric_lit":
      case "bool_lit":
      case "null_lit":
      case "template_literal":
      case "comment":
      case "block_end":
      case "tuple_start":
      case "tuple_end":
      case "object_start":
      case "object_end":
      case "heredoc_start":
      case "heredoc_identifier":
      case "strip_marker":
      case "legacy_index":
      case "template_interpolation_start":
      case "template_interpolation_end":
      case "template_directive_start":
      case "template_directive_end":
        return checkErrors;
      default:
        return true;
    }
  }
  // -- locations ----------------------------------------------------------------------------------
  location() {
    let top;
    const inner = [];
    const full = [];
    for (const f of this.frames) {
      if (f.k === "block") {
        full.push(f.type, ...f.labels);
        if (!top) top = f;
        else inner.push(f.type, ...f.labels);
      } else if (f.k === "attr") {
        if (f.name) {
          full.push(f.name);
          inner.push(f.name);
        }
      } else if (f.k === "elem" && f.inVal && f.key !== null) {
        full.push(f.key);
        inner.push(f.key);
      }
    }
    if (!top) return { context: this.fileCtx, attribute: inner.join("."), full: full.join(".") };
    const context = [top.type, ...top.labels].join(".");
    let attribute;
    if (top.type === "locals") attribute = ["locals", ...inner].join(".");
    else if (top.type === "variable" && inner[0] === "default" && top.labels[0] !== void 0) {
      attribute = [top.labels[0], ...inner.slice(1)].join(".");
    } else attribute = inner.join(".");
    return { context, attribute, full: full.join(".") };
  }
  enclosingAddress() {
    for (const f of this.frames) if (f.k === "block") return [f.type, ...f.labels].join(".");
    return this.fileCtx;
  }
  // -- strings anywhere ---------------------------------------------------------------------------
  finishString(f) {
    const cs = f.cs >= 0 ? f.cs : f.start + 1;
    const ce = f.ce >= 0 ? f.ce : cs;
    if (ce < cs) return;
    const below = this.frames[this.frames.length - 1];
    if (below?.k === "block" && below.header && below.depth === f.depth - 1) {
      if (!f.template) below.labels.push(literalValue(this.text, cs, ce));
      return;
    }
    const text = this.text;
    if (!f.template) {
      const first = text.charCodeAt(cs);
      if (first !== 97 && first !== 114 && first !== 92) return;
      const value = literalValue(text, cs, ce);
      if (value.startsWith("ami-") && AMI_ID_PATTERN.test(value)) {
        const loc = this.location();
        this.out.amis.push({ ami: value, ...this.lines.pos(cs), attribute: loc.attribute, context: loc.context });
      } else if (value.startsWith("resolve:ssm:")) {
        this.out.ssmParameters.push({
          kind: "resolve",
          name: value.slice("resolve:ssm:".length),
          ...this.lines.pos(cs),
          address: this.enclosingAddress()
        });
      }
      return;
    }
    if (text.startsWith("resolve:ssm:", cs)) {
      const raw = text.slice(cs + "resolve:ssm:".length, ce);
      this.out.ssmParameters.push({
        kind: "resolve",
        name: raw,
        ...this.lines.pos(cs),
        address: this.enclosingAddress(),
        dynamic: true
      });
    }
  }
  // -- blocks -------------------------------------------------------------------------------------
  classify(b) {
    const label0 = b.labels[0] ?? "";
    if (b.nesting === 0) {
      if (b.type === "module" && b.labels.length >= 1) {
        b.special = "module";
        b.module = {};
      } else if (b.type === "terraform") {
        b.special = "terragrunt";
        b.module = {};
      } else if (b.type === "data" && label0 === "aws_ami" && b.labels.length >= 2) {
        b.special = "amiLookup";
        b.lookup = { name: b.labels[1] ?? "", mostRecent: false, owners: [], ...this.lines.pos(b.start), filters: [] };
      } else if (b.type === "data" && label0 === "aws_ssm_parameter") {
        b.special = "ssmData";
        b.ssm = {};
      } else if (b.type === "resource" && label0 === "aws_ssm_parameter") {
        b.special = "ssmResource";
        b.ssm = {};
      } else if (b.type === "data" && label0 === "template_file") {
        b.special = "templateFile";
      }
    }
    if (b.type === "provisioner" && (label0 === "shell" || label0 === "remote-exec")) b.special = "provisioner";
    const parent = this.nearestBlockBelowTop();
    if (parent && b.type === "filter" && parent.special === "amiLookup" && parent.lookup) {
      b.special = "amiFilter";
      b.filter = { name: "", values: [] };
      parent.lookup.filters.push(b.filter);
    }
    if (parent && b.type === "part" && parent.type === "data" && (parent.labels[0] === "cloudinit_config" || parent.labels[0] === "template_cloudinit_config")) {
      b.special = "cloudinitPart";
    }
  }
  /** the block frame enclosing the top frame (which is itself a block) */
  nearestBlockBelowTop() {
    for (let i2 = this.frames.length - 2; i2 >= 0; i2--) {
      const f = this.frames[i2];
      if (f.k === "block") return f;
    }
    return void 0;
  }
  finishBlock(b) {
    const address = [b.type, ...b.labels].join(".");
    switch (b.special) {
      case "module":
      case "terragrunt": {
        const source = b.module?.source;
        if (!source) return;
        const value = source.text;
        const call = {
          name: b.special === "module" ? b.labels[0] ?? "" : "terragrunt",
          source: value,
          local: value.startsWith("./") || value.startsWith("../"),
          ...this.lines.pos(b.start),
          kind: b.special,
          sourcePos: this.lines.pos(source.start)
        };
        const q = value.indexOf("?");
        if (q >= 0) {
          const ref = new URLSearchParams(value.slice(q + 1)).get("ref");
          if (ref !== null) call.ref = ref;
        }
        if (b.module?.version !== void 0) {
          call.version = b.module.version;
          if (b.module.versionStart !== void 0) call.versionPos = this.lines.pos(b.module.versionStart);
        }
        if (source.dynamic) call.dynamic = true;
        this.out.modules.push(call);
        return;
      }
      case "amiLookup":
        if (b.lookup) this.out.amiLookups.push(b.lookup);
        return;
      case "ssmData":
      case "ssmResource": {
        const ssm = b.ssm ?? {};
        if (b.special === "ssmData" && ssm.name === void 0) return;
        const ref = {
          kind: b.special === "ssmData" ? "data" : "resource",
          name: ssm.name ?? "",
          ...this.lines.pos(ssm.nameStart ?? b.start),
          address
        };
        if (ssm.value !== void 0) ref.value = ssm.value;
        if (ssm.dynamic) ref.dynamic = true;
        this.out.ssmParameters.push(ref);
        return;
      }
      default:
        return;
    }
  }
  // -- attributes ---------------------------------------------------------------------------------
  /** Value of a string-ish expression: literal, quoted template or heredoc, with path substitutions. */
  value(node) {
    const n = unwrap(node);
    if (!n) return null;
    if (n.type !== "string_lit" && n.type !== "quoted_template" && n.type !== "heredoc_template") return null;
    const r = renderTemplate(this.text, n, (hole) => pathHole(this.text, hole));
    const s0 = r.src[0];
    const start2 = s0 === void 0 ? r.contentStart : s0 >= 0 ? s0 : -1 - s0;
    return { ...r, start: start2 };
  }
  attributeValue(attr, c) {
    const name2 = attr.name;
    const block = this.frames[this.frames.length - 2];
    const b = block?.k === "block" ? block : void 0;
    const special = b?.special ?? "none";
    attr.userData = isUserDataName(name2) || name2 === "content" && special === "cloudinitPart" || name2 === "template" && special === "templateFile";
    const relevant = attr.userData || b !== void 0 && (special === "module" && (name2 === "source" || name2 === "version") || special === "terragrunt" && name2 === "source" || special === "amiLookup" && (name2 === "most_recent" || name2 === "owners" || name2 === "name_regex") || special === "amiFilter" && (name2 === "name" || name2 === "values") || (special === "ssmData" || special === "ssmResource") && name2 === "name" || special === "ssmResource" && (name2 === "value" || name2 === "insecure_value") || special === "provisioner" && (name2 === "inline" || name2 === "script" || name2 === "scripts"));
    if (!relevant) return;
    const node = c.currentNode;
    if (attr.userData) {
      this.userData(node, this.location().full);
      return;
    }
    if (!b) return;
    switch (special) {
      case "module":
      case "terragrunt": {
        const v = this.value(node);
        if (!v || !b.module) return;
        if (name2 === "source") b.module.source = v;
        else {
          b.module.version = v.text;
          b.module.versionStart = v.start;
        }
        return;
      }
      case "amiLookup": {
        const lookup = b.lookup;
        if (!lookup) return;
        if (name2 === "most_recent") {
          const n = unwrap(node);
          if (n?.type === "bool_lit") lookup.mostRecent = n.text === "true";
          else lookup.mostRecent = this.value(node)?.text === "true";
        } else if (name2 === "owners") lookup.owners = this.stringList(node);
        else {
          const v = this.value(node);
          if (v) lookup.nameRegex = v.text;
        }
        return;
      }
      case "amiFilter": {
        if (!b.filter) return;
        if (name2 === "name") b.filter.name = this.value(node)?.text ?? "";
        else b.filter.values = this.stringList(node);
        return;
      }
      case "ssmData":
      case "ssmResource": {
        const v = this.value(node);
        if (!v || !b.ssm) return;
        if (name2 === "name") {
          b.ssm.name = v.text;
          b.ssm.nameStart = v.start;
          if (v.dynamic) b.ssm.dynamic = true;
        } else if (!v.dynamic) b.ssm.value = v.text;
        return;
      }
      case "provisioner":
        this.provisioner(name2, node);
        return;
      default:
        return;
    }
  }
  stringList(node) {
    const values = [];
    for (const el of tupleElements(node)) {
      const v = this.value(el);
      if (v) values.push(v.text);
    }
    return values;
  }
  provisioner(name2, node) {
    const loc = this.location().full;
    if (name2 === "script") {
      const v = this.value(node);
      if (v) this.pushFileRef(v, "script", loc, false);
      return;
    }
    const elements = tupleElements(node);
    for (let i2 = 0; i2 < elements.length; i2++) {
      const el = elements[i2];
      if (name2 === "scripts") {
        const v = this.value(el);
        if (v) this.pushFileRef(v, "scripts", `${loc}[${i2}]`, false);
        continue;
      }
      const n = unwrap(el);
      if (!n || n.type !== "string_lit" && n.type !== "quoted_template" && n.type !== "heredoc_template") continue;
      this.pushScript("inline", n, null, `${loc}[${i2}]`);
    }
  }
  pushFileRef(v, fn, context, inUserData) {
    const ref = { path: v.text, fn, ...this.lines.pos(v.start), context, inUserData };
    if (v.dynamic) ref.dynamic = true;
    this.out.scriptFiles.push(ref);
  }
  /** file()/filebase64()/templatefile() anywhere: kept when inside user data or naming a script. */
  fileFunction(fn, args2) {
    const first = args2.namedChildren.find((n) => n.type === "expression") ?? null;
    const v = this.value(first);
    if (!v || v.text === "") return;
    const inUserData = this.frames.some((f) => f.k === "attr" && f.userData);
    if (!inUserData && !SCRIPT_PATH2.test(v.text)) return;
    this.pushFileRef(v, fn === "templatefile" ? "templatefile" : "file", this.location().full, inUserData);
  }
  /** user_data-like attribute: follow wrappers and conditionals down to heredocs / strings. */
  userData(expr, context) {
    const stack = [{ node: expr, fns: null }];
    while (stack.length > 0) {
      const { node, fns } = stack.pop();
      switch (node.type) {
        case "expression":
        case "template_expr":
        case "literal_value":
          if (node.namedChildCount === 1) {
            const child = node.namedChild(0);
            if (child) stack.push({ node: child, fns });
          }
          break;
        case "conditional": {
          const branches = node.namedChildren.filter((n) => n.type === "expression");
          for (let i2 = branches.length - 1; i2 >= 1; i2--) stack.push({ node: branches[i2], fns });
          break;
        }
        case "function_call": {
          const name2 = node.firstNamedChild?.text ?? "";
          if (!SCRIPT_WRAPPERS.has(name2)) break;
          const args2 = node.namedChildren.find((n) => n.type === "function_arguments");
          const first = args2?.namedChildren.find((n) => n.type === "expression");
          const changesText = name2 === "trimspace" || name2 === "chomp";
          if (first) stack.push({ node: first, fns: changesText ? { name: name2, outer: fns } : fns });
          break;
        }
        case "quoted_template": {
          const inner = node.namedChildren.filter((n) => n.type !== "quoted_template_start" && n.type !== "quoted_template_end");
          const only = inner.length === 1 ? inner[0] : void 0;
          if (only?.type === "template_interpolation") {
            const e = only.namedChildren.find((n) => n.type === "expression");
            if (e) stack.push({ node: e, fns });
            break;
          }
          this.pushScript("string", node, fns, context);
          break;
        }
        case "string_lit":
          this.pushScript("string", node, fns, context);
          break;
        case "heredoc_template":
          this.pushScript("heredoc", node, fns, context);
          break;
        default:
          break;
      }
    }
  }
  pushScript(kind, node, fns, context) {
    const r = renderTemplate(this.text, node, () => TF_INTERP_PLACEHOLDER);
    let textValue = r.text;
    let src = r.src;
    for (let link = fns; link; link = link.outer) {
      const fn = link.name;
      let a = 0;
      let e = textValue.length;
      if (fn === "trimspace") {
        a = leadingSpaces(textValue);
        e = Math.max(a, trailingSpacesStart(textValue));
      } else if (fn === "chomp") {
        while (e > 0 && (textValue[e - 1] === "\n" || textValue[e - 1] === "\r")) e--;
      } else continue;
      textValue = textValue.slice(a, e);
      src = src.slice(a, e);
    }
    if (textValue.trim() === "") return;
    const segments = buildSegments(textValue, src, this.lines);
    const first = segments[0];
    const start2 = first ? { line: first.line, column: first.column } : this.lines.pos(r.contentStart);
    this.out.embeddedScripts.push({
      kind,
      text: textValue,
      ...start2,
      context,
      segments,
      format: scriptFormat(textValue)
    });
  }
};

// src/parse/pool.ts
var FREE = 0;
var MAIN = 1;
var MAX_JOBS2 = 1 << 18;
function runInProcess(job) {
  return job.kind === "terraform" ? analyseTerraform(job.text, job.options) : analyseShell(job.text, job.options);
}
function keyOf(job) {
  return `${job.kind}\0${JSON.stringify(job.options)}\0${job.text}`;
}
var AnalysisPool = class {
  constructor(options) {
    this.options = options;
    this.run = options.run ?? runInProcess;
  }
  options;
  entries = /* @__PURE__ */ new Map();
  byId = /* @__PURE__ */ new Map();
  claimBuffer = new SharedArrayBuffer(MAX_JOBS2 * 4);
  claimed = new Int32Array(this.claimBuffer);
  slots = [];
  /** Announced before the workers started, or since the last flush. */
  unsent = [];
  flushQueued = false;
  started = false;
  nextId = 1;
  waiting = 0;
  run;
  /** Announces a job the caller will ask for with `analyse`; with enough of them, workers start on them. */
  prefetch(job) {
    if (this.options.workers <= 0 || this.nextId >= MAX_JOBS2) return;
    const key = keyOf(job);
    const known = this.entries.get(key);
    if (known) {
      known.claims++;
      return;
    }
    let settle;
    const result = new Promise((resolve) => settle = resolve);
    const entry = { id: this.nextId++, key, job, claims: 1, settled: false, awaited: false, result, settle };
    this.entries.set(key, entry);
    this.byId.set(entry.id, entry);
    this.unsent.push(entry);
    if (!this.started && this.byId.size >= (this.options.minJobs ?? 64)) this.start();
    if (this.started && !this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flush());
    }
  }
  /**
   * Starts the workers before the jobs are known, when a caller expects many: they load the bundle and the
   * grammars while the caller reads its files.
   */
  warm() {
    if (this.options.workers > 0 && !this.started) this.start();
  }
  /** The analysis of a job: an announced one from whichever thread claims it, any other on this thread. */
  analyse(job) {
    const key = keyOf(job);
    const entry = this.entries.get(key);
    if (!entry) return this.run(job);
    if (--entry.claims <= 0) this.entries.delete(key);
    if (entry.settled) return entry.result;
    if (Atomics.compareExchange(this.claimed, entry.id, FREE, MAIN) === FREE) {
      this.settleHere(entry);
    } else if (!entry.awaited && Atomics.load(this.claimed, entry.id) !== MAIN) {
      entry.awaited = true;
      if (this.waiting++ === 0) {
        for (const slot of this.slots) if (!slot.dead) slot.worker.ref();
      }
    }
    return entry.result;
  }
  /** Which thread ran the jobs (tests and diagnostics): main, or a worker. */
  counts = { main: 0, workers: 0 };
  settleHere(entry) {
    entry.settled = true;
    this.byId.delete(entry.id);
    this.counts.main++;
    entry.settle(this.run(entry.job));
  }
  start() {
    this.started = true;
    for (let index = 0; index < this.options.workers; index++) {
      let worker;
      try {
        worker = this.options.spawn(index, this.claimBuffer);
      } catch {
        break;
      }
      const slot = { index, worker, dead: false };
      worker.on("message", (reply) => this.receive(reply));
      worker.on("error", () => this.bury(slot));
      worker.on("exit", () => this.bury(slot));
      worker.unref();
      this.slots.push(slot);
    }
  }
  flush() {
    this.flushQueued = false;
    const jobs = this.unsent.filter((entry) => !entry.settled).map(({ id, job }) => ({ id, job }));
    this.unsent = [];
    if (jobs.length === 0) return;
    for (const slot of this.slots) {
      if (slot.dead) continue;
      try {
        slot.worker.postMessage({ jobs });
      } catch {
        this.bury(slot);
      }
    }
  }
  receive(reply) {
    const entry = this.byId.get(reply.id);
    if (!entry || entry.settled) return;
    this.settleFrom(entry, reply.ok ? Promise.resolve(reply.value) : this.run(entry.job), reply.ok);
  }
  settleFrom(entry, value, byWorker) {
    entry.settled = true;
    this.byId.delete(entry.id);
    if (byWorker) this.counts.workers++;
    else this.counts.main++;
    entry.settle(value);
    if (entry.awaited && --this.waiting === 0) for (const slot of this.slots) slot.worker.unref();
  }
  /** A worker that died: the jobs it claimed and did not answer run here. */
  bury(slot) {
    if (slot.dead) return;
    slot.dead = true;
    slot.worker.unref();
    const mark = MAIN + 1 + slot.index;
    for (const entry of [...this.byId.values()]) {
      if (!entry.settled && Atomics.load(this.claimed, entry.id) === mark) this.settleFrom(entry, this.run(entry.job), false);
    }
    void Promise.resolve(slot.worker.terminate()).catch(() => void 0);
  }
};
function workerScript() {
  const here = dirname2(fileURLToPath2(import.meta.url));
  return [join2(here, "analysisWorker.js"), join2(here, "..", "analysisWorker.js")].find((candidate) => existsSync2(candidate));
}
function workerCount(env = process.env, cores = availableParallelism()) {
  const configured = env.DEPLOY_GUARD_THREADS?.trim();
  if (configured && /^\d+$/.test(configured)) return Math.max(0, Math.min(Number(configured), 16) - 1);
  return Math.max(0, Math.min(cores, 4) - 1);
}
var shared;
function analysisPool() {
  if (!shared) {
    const script = workerScript();
    shared = new AnalysisPool({
      workers: script ? workerCount() : 0,
      spawn: (index, claims) => new Worker(script, { workerData: { index, claims } })
    });
  }
  return shared;
}
function analysisCounts() {
  return shared && shared.counts.main + shared.counts.workers > 0 ? { ...shared.counts } : void 0;
}
function pooledTerraform(text, options = {}) {
  return analysisPool().analyse({ kind: "terraform", text, options });
}
function pooledShell(text, options = {}) {
  return analysisPool().analyse({ kind: "shell", text, options });
}

export {
  loadLanguage,
  createParser,
  SHELL_BUILTINS,
  TF_INTERP_PLACEHOLDER,
  AMI_ID_PATTERN,
  terraformFactKinds,
  analyseTerraform,
  loadTerraformParser,
  analyseTerraformWith,
  mapScriptPosition,
  renderTemplateFile,
  FREE,
  MAIN,
  runInProcess,
  analysisPool,
  analysisCounts,
  pooledTerraform,
  pooledShell
};
//# sourceMappingURL=chunk-W44SU6ZZ.js.map
