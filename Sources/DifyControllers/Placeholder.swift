public enum DifyControllersPlaceholder {}
