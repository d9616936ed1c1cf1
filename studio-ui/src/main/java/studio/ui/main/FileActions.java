package studio.ui.main;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import studio.engine.image.RgbImage;
import studio.ui.fx.FxImages;
import studio.ui.models.ModelScanner;
import studio.ui.notices.Notice;

/** The window side of files: dialogs, drag-and-drop and the clipboard, feeding the view model's commands. */
final class FileActions {
    private static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

    private final StudioViewModel vm;
    private final Path outputsFolder;
    private Window owner;

    FileActions(StudioViewModel vm, Path outputsFolder) {
        this.vm = vm;
        this.outputsFolder = outputsFolder;
    }

    void setOwner(Window owner) {
        this.owner = owner;
    }

    void open() {
        File file = openDialog("Open image", imageFilter(), null);
        if (file != null) {
            vm.openImage(file.toPath());
        }
    }

    /** Asks for a .safetensors checkpoint and adds it once it checks out. */
    void addModel() {
        File file = openDialog("Add a model",
                new FileChooser.ExtensionFilter("Safetensors checkpoints", "*.safetensors"), modelsFolder());
        if (file != null) {
            vm.models().add(file.toPath());
        }
    }

    /** Asks for a ControlNet file for the ControlNet layer (it is checked when a generation loads it). */
    void chooseControlNet() {
        File file = openDialog("Choose a ControlNet",
                new FileChooser.ExtensionFilter("ControlNet safetensors", "*.safetensors"), modelsFolder());
        if (file != null) {
            vm.control().modelProperty().set(file.toPath());
            vm.control().enabledProperty().set(true);
        }
    }

    /** Asks for the ControlNet layer's image (an edge map, a depth or pose image, or a picture). */
    void chooseControlImage() {
        File file = openDialog("Control image", imageFilter(), null);
        if (file != null) {
            vm.openControlImage(file.toPath());
        }
    }

    /** Asks for the folder the model picker lists. */
    void chooseModelsFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose the models folder");
        chooser.setInitialDirectory(modelsFolder());
        File dir = chooser.showDialog(owner);
        if (dir != null) {
            vm.models().setFolder(dir.toPath());
        }
    }

    /** The file picked in an open dialog for {@code filter}'s files, in {@code folder} if not null; null if cancelled. */
    private File openDialog(String title, FileChooser.ExtensionFilter filter, File folder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(filter);
        chooser.setInitialDirectory(folder);
        return chooser.showOpenDialog(owner);
    }

    /** The image files the dialogs offer: those a drop or paste opens too. */
    private static FileChooser.ExtensionFilter imageFilter() {
        return new FileChooser.ExtensionFilter("Images", IMAGE_EXTENSIONS.stream().map(e -> "*." + e).toList());
    }

    /** The models folder for a dialog to start in, or null (the dialog's default) when it does not exist. */
    private File modelsFolder() {
        return existingFolder(vm.settings().modelsFolderProperty().get());
    }

    private static File existingFolder(Path folder) {
        return folder != null && folder.toFile().isDirectory() ? folder.toFile() : null;
    }

    void exportCanvas() {
        File file = saveDialog("Export canvas as PNG", "canvas.png");
        if (file != null) {
            vm.exportCanvas(file.toPath());
        }
    }

    void exportResult() {
        File file = saveDialog("Export result as PNG", "result.png");
        if (file != null) {
            vm.exportResult(file.toPath());
        }
    }

    /** Copies the result in view, or else the canvas picture, to the clipboard. */
    void copy() {
        if (vm.hasResultInView()) {
            vm.withResult("copy", (image, parameters) -> toClipboard(image));
        } else if (vm.canvasImage() != null) {
            toClipboard(vm.canvasImage());
        } else {
            vm.notify(Notice.Kind.ERROR, "Nothing to copy: the canvas is empty and no result is selected.");
        }
    }

    private void toClipboard(RgbImage image) {
        ClipboardContent content = new ClipboardContent();
        content.putImage(FxImages.toFx(image));
        Clipboard.getSystemClipboard().setContent(content);
        vm.status().ended("Copied " + image.width() + "×" + image.height() + " image");
    }

    /** Opens an image from the clipboard (pixels or a copied file). */
    void paste() {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        if (clipboard.hasImage()) {
            Image image = clipboard.getImage();
            vm.openImage(FxImages.fromFx(image));
        } else if (clipboard.hasFiles() && imageFile(clipboard.getFiles()) != null) {
            vm.openImage(imageFile(clipboard.getFiles()).toPath());
        } else {
            vm.notify(Notice.Kind.ERROR, "The clipboard holds no image to paste: copy a picture or an image file first, or open one with Ctrl+O.");
        }
    }

    /** Lets image files (opened on the canvas) and checkpoints (added as models) be dropped on {@code target}. */
    void acceptDrops(Node target) {
        target.addEventHandler(DragEvent.DRAG_OVER, e -> {
            Dragboard board = e.getDragboard();
            if (board.hasFiles() && (imageFile(board.getFiles()) != null || modelPath(board.getFiles()) != null)
                    || board.hasImage()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        target.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            e.setDropCompleted(drop(e.getDragboard()));
            e.consume();
        });
    }

    /** Opens a dropped picture or adds a dropped checkpoint; false when the drop held neither. */
    boolean drop(Dragboard board) {
        File image = board.hasFiles() ? imageFile(board.getFiles()) : null;
        Path model = board.hasFiles() ? modelPath(board.getFiles()) : null;
        if (image != null) {
            vm.openImage(image.toPath());
        } else if (model != null) {
            vm.models().add(model);
        } else if (board.hasImage()) {
            vm.openImage(FxImages.fromFx(board.getImage()));
        } else {
            return false;
        }
        return true;
    }

    private static Path modelPath(List<File> files) {
        return files.stream().map(File::toPath).filter(ModelScanner::isModelPath).findFirst().orElse(null);
    }

    private File saveDialog(String title, String name) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialDirectory(existingFolder(outputsFolder));
        File file = chooser.showSaveDialog(owner);
        if (file != null && !file.getName().toLowerCase(Locale.ROOT).endsWith(".png")) {
            file = new File(file.getPath() + ".png");
        }
        return file;
    }

    private static File imageFile(List<File> files) {
        for (File f : files) {
            String n = f.getName().toLowerCase(Locale.ROOT);
            int dot = n.lastIndexOf('.');
            if (dot >= 0 && IMAGE_EXTENSIONS.contains(n.substring(dot + 1))) {
                return f;
            }
        }
        return null;
    }
}
