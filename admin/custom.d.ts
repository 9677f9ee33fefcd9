// The design system and icons ship their own types; nothing to declare here for now.
export {};
