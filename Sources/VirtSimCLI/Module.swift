public enum VirtSimMain {
    public static func main() { print("virtsim: under construction") }
}
